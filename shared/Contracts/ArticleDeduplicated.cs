namespace MediaMonitor.Contracts;

/// <summary>Deduplication decided whether an article is an original or a copy, and which story it belongs to.</summary>
public sealed record ArticleDeduplicated(
    Guid ArticleId,
    DedupVerdict Verdict,
    Guid? DuplicateOf,
    double Similarity,
    Guid StoryId,
    DateTimeOffset DecidedAt,
    string DedupVersion);
