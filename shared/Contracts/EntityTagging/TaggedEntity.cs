namespace MediaMonitor.Contracts.EntityTagging;

/// <summary>
/// One canonical entity found in an article, with the surface forms it appeared under. Place is set for places linked to
/// the gazetteer. Aliases are the other names the entity goes by as the tagger version knew them (shipped gazetteer and
/// operator EntityDefined names, whether or not the article uses them; at most 64, see docs/config/EntityTagging.md), so
/// entity: filters match any of them. Events recorded before either field existed read it as null.
/// </summary>
public sealed record TaggedEntity(
    string EntityId,
    string Name,
    EntityType Type,
    int Mentions,
    double Salience,
    IReadOnlyList<string> SurfaceForms,
    TaggedPlace? Place = null,
    IReadOnlyList<string>? Aliases = null);
