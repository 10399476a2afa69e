namespace MediaMonitor.Contracts;

/// <summary>The crawler fetched an article page and extracted its text and metadata.</summary>
public sealed record ArticleFetched(
    Guid ArticleId,
    string Url,
    string CanonicalUrl,
    string Title,
    string Text,
    DateTimeOffset? PublishedAt,
    string? SiteName,
    Guid SourceId,
    DateTimeOffset FetchedAt,
    string CrawlerVersion);
