namespace MediaMonitor.Contracts.Deduplication;

/// <summary>Deduplication decided whether an article is an original or a copy, and which story it belongs to.</summary>
[MessageUrn("MediaMonitor.Contracts:ArticleDeduplicated")]
[EntityName("MediaMonitor.Contracts:ArticleDeduplicated")]
public sealed record ArticleDeduplicated(
    Guid ArticleId,
    DedupVerdict Verdict,
    Guid? DuplicateOf,
    double Similarity,
    Guid StoryId,
    DateTimeOffset DecidedAt,
    string DedupVersion);
