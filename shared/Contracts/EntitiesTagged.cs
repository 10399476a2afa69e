namespace MediaMonitor.Contracts;

/// <summary>The tagger found these people, organisations and places in an article.</summary>
public sealed record EntitiesTagged(
    Guid ArticleId,
    IReadOnlyList<TaggedEntity> Entities,
    DateTimeOffset TaggedAt,
    string TaggerVersion);
