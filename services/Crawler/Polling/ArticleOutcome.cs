using MediaMonitor.Contracts.Crawler;
using MediaMonitor.Contracts;
using MediaMonitor.Crawler.Extraction;
using MediaMonitor.Crawler.Feeds;
using MediaMonitor.Crawler.Http;
using MediaMonitor.Crawler.Urls;

namespace MediaMonitor.Crawler.Polling;

/// <summary>What a fetched (or failed) page means for its article: its final canonical URL and id, and the event to record.</summary>
public sealed record ArticleOutcome(Guid ArticleId, string CanonicalUrl, object Event)
{
    /// <summary>
    /// The article's canonical URL: the page's own rel=canonical / og:url when it names a page on the same site
    /// (a cross-site canonical is how syndicated copies point at the original, and copies must stay separate articles
    /// for deduplication to count them), otherwise the canonical form of the feed link.
    /// </summary>
    public static string ChooseCanonical(string linkCanonical, Uri pageUri, string? declared)
    {
        ArgumentNullException.ThrowIfNull(pageUri);
        var page = Urls.CanonicalUrl.TryCanonicalize(declared);
        return page is not null && PageLinks.SameSite(new Uri(page), pageUri) ? page : linkCanonical;
    }

    public static ArticleOutcome FromPage(string linkCanonical, Guid sourceId, FeedItem item, FetchResult page)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(page);
        var url = item.Link ?? page.FinalUri.AbsoluteUri;
        if (page.ContentType is { } type && !type.Contains("html", StringComparison.OrdinalIgnoreCase) && !type.StartsWith("text/plain", StringComparison.OrdinalIgnoreCase))
        {
            return Failed(linkCanonical, url, $"not an HTML page (content type {type})");
        }

        var html = HtmlText.Decode(page.Body, page.ContentType);
        if (HtmlText.ReplacementShare(html) > 0.05)
        {
            return Failed(linkCanonical, url, "the page is not valid text in its declared encoding (more than 5% undecodable bytes)");
        }

        ExtractedArticle extracted;
        try
        {
            extracted = StorableText.Clean(ArticleExtractor.Extract(html, page.FinalUri));
        }
        catch (PageRefusedException ex)
        {
            return Failed(linkCanonical, url, ex.Message);
        }

        var canonical = ChooseCanonical(linkCanonical, page.FinalUri, extracted.CanonicalUrl);
        var articleId = StreamIdentity.ForArticle(canonical);
        if (extracted.Text.Length < 50)
        {
            var reason = extracted.Text.Length == 0 ? "no article text found on the page" : $"no article text found on the page (only {extracted.Text.Length} characters)";
            return Failed(canonical, url, reason);
        }

        return new ArticleOutcome(articleId, canonical, new ArticleFetched(
            articleId,
            url,
            canonical,
            extracted.Title ?? item.Title ?? string.Empty,
            extracted.Text,
            extracted.PublishedAt ?? item.PublishedAt,
            extracted.SiteName ?? page.FinalUri.Host,
            sourceId,
            DateTimeOffset.UtcNow,
            ArticleIntake.CrawlerVersion,
            extracted.Byline,
            extracted.ModifiedAt,
            extracted.Language,
            extracted.LeadImage));
    }

    public static ArticleOutcome Failed(string canonical, string url, string reason)
    {
        var articleId = StreamIdentity.ForArticle(canonical);
        return new ArticleOutcome(articleId, canonical,
            new ArticleFetchFailed(articleId, url, StorableText.WithoutNul(reason)!, DateTimeOffset.UtcNow, ArticleIntake.CrawlerVersion));
    }
}
