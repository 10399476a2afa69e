using MediaMonitor.Contracts;
using MediaMonitor.Crawler.Extraction;
using MediaMonitor.Crawler.Feeds;
using MediaMonitor.Crawler.Http;

namespace MediaMonitor.Crawler.Polling;

/// <summary>Decides what a fetched page means for its article: ArticleFetched with the extracted text, or ArticleFetchFailed and why.</summary>
public static class ArticleOutcome
{
    public static object FromPage(Guid articleId, string url, string canonical, Guid sourceId, FeedItem item, FetchResult page)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(page);
        var now = DateTimeOffset.UtcNow;
        if (page.ContentType is { } type && !type.Contains("html", StringComparison.OrdinalIgnoreCase) && !type.StartsWith("text/plain", StringComparison.OrdinalIgnoreCase))
        {
            return Failed($"not an HTML page (content type {type})");
        }

        var html = HtmlText.Decode(page.Body, page.ContentType);
        if (HtmlText.ReplacementShare(html) > 0.05)
        {
            return Failed("the page is not valid text in its declared encoding (more than 5% undecodable bytes)");
        }

        ExtractedArticle extracted;
        try
        {
            extracted = ArticleExtractor.Extract(html, page.FinalUri);
        }
        catch (PageRefusedException ex)
        {
            return Failed(ex.Message);
        }

        if (extracted.Text.Length < 50)
        {
            return Failed(extracted.Text.Length == 0 ? "no article text found on the page" : $"no article text found on the page (only {extracted.Text.Length} characters)");
        }

        return new ArticleFetched(
            articleId,
            url,
            canonical,
            extracted.Title ?? item.Title ?? string.Empty,
            extracted.Text,
            extracted.PublishedAt ?? item.PublishedAt,
            extracted.SiteName ?? page.FinalUri.Host,
            sourceId,
            now,
            ArticleIntake.CrawlerVersion);

        ArticleFetchFailed Failed(string reason) => new(articleId, url, reason, now, ArticleIntake.CrawlerVersion);
    }
}
