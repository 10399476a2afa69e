namespace MediaMonitor.Contracts.Crawler;

/// <summary>A source listed an article URL the store had not seen; DiscoveredAt is when the crawler read the listing (the poll or the push), not when it fetched the page.</summary>
[MessageUrn("MediaMonitor.Contracts:ArticleDiscovered")]
[EntityName("MediaMonitor.Contracts:ArticleDiscovered")]
public sealed record ArticleDiscovered(
    Guid ArticleId,
    string Url,
    string CanonicalUrl,
    Guid SourceId,
    string? FeedTitle,
    DateTimeOffset? FeedPublishedAt,
    DateTimeOffset DiscoveredAt,
    string CrawlerVersion);
