namespace MediaMonitor.Contracts.Crawler;

/// <summary>Fetching or extracting an article failed; the reason says why in words an operator understands.</summary>
[MessageUrn("MediaMonitor.Contracts:ArticleFetchFailed")]
[EntityName("MediaMonitor.Contracts:ArticleFetchFailed")]
public sealed record ArticleFetchFailed(Guid ArticleId, string Url, string Reason, DateTimeOffset FailedAt, string CrawlerVersion);
