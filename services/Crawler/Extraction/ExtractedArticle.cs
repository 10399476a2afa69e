namespace MediaMonitor.Crawler.Extraction;

/// <summary>What the extractor read from an article page; Text holds paragraphs separated by blank lines.</summary>
public sealed record ExtractedArticle(
    string? Title,
    string Text,
    DateTimeOffset? PublishedAt,
    DateTimeOffset? ModifiedAt,
    string? SiteName,
    string? Byline,
    string? Language,
    string? LeadImage,
    string? CanonicalUrl);
