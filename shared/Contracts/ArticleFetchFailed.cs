namespace MediaMonitor.Contracts;

/// <summary>Fetching or extracting an article failed; the reason says why in words an operator understands.</summary>
public sealed record ArticleFetchFailed(Guid ArticleId, string Url, string Reason, DateTimeOffset FailedAt, string CrawlerVersion);
