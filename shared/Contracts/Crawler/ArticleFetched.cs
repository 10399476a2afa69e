namespace MediaMonitor.Contracts.Crawler;

/// <summary>
/// The crawler fetched an article page and extracted its text and metadata. The trailing metadata (byline, modified
/// time, detected language, lead image) is optional, so events recorded before it existed still read.
/// </summary>
[MessageUrn("MediaMonitor.Contracts:ArticleFetched")]
[EntityName("MediaMonitor.Contracts:ArticleFetched")]
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
    string CrawlerVersion,
    string? Byline = null,
    DateTimeOffset? ModifiedAt = null,
    string? Language = null,
    string? LeadImageUrl = null);
