using MediaMonitor.Contracts.EntityTagging;

namespace MediaMonitor.Contracts.Api;

/// <summary>
/// An operator defined an entity, or added names to one, for the tagger to recognise and link. EntityId may name an
/// entity the tagger already knows ("geonames:1526273", "per:nikita-mendkovic", "org:nato"); when empty the tagger
/// derives it from Type and Name exactly as it would for that name found in an article.
/// </summary>
[MessageUrn("MediaMonitor.Contracts:EntityDefined")]
[EntityName("MediaMonitor.Contracts:EntityDefined")]
public sealed record EntityDefined(
    string EntityId,
    string Name,
    EntityType Type,
    IReadOnlyList<string> Aliases,
    DateTimeOffset DefinedAt,
    string DefinedBy);
