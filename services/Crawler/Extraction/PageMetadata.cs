using System.Text.RegularExpressions;
using AngleSharp.Dom;
using MediaMonitor.Crawler.Feeds;

namespace MediaMonitor.Crawler.Extraction;

/// <summary>Title, byline, dates, site name, lead image and canonical URL from meta tags, JSON-LD, time elements and the URL.</summary>
internal static partial class PageMetadata
{
    public static string? Title(IDocument document, JsonLdArticle? jsonLd)
    {
        var candidates = new[]
        {
            jsonLd?.Headline,
            Meta(document, "og:title"), Meta(document, "twitter:title"), Meta(document, "dc.title"), Meta(document, "dcterms.title"),
            CleanDocumentTitle(document.Title),
            document.QuerySelectorAll("h1").Select(h => MainTextExtractor.Normalize(h.TextContent)).FirstOrDefault(t => t.Length > 0),
        };
        return candidates.Select(c => c is null ? null : MainTextExtractor.Normalize(System.Net.WebUtility.HtmlDecode(c)))
            .FirstOrDefault(c => !string.IsNullOrEmpty(c));
    }

    public static string? Byline(IDocument document, JsonLdArticle? jsonLd)
    {
        var meta = Meta(document, "author") ?? Meta(document, "dc.creator") ?? Meta(document, "article:author") ?? Meta(document, "parsely-author");
        if (meta is not null && Uri.TryCreate(meta, UriKind.Absolute, out _))
        {
            meta = null;
        }

        var element = document.QuerySelector("[rel='author'], [itemprop='author'] [itemprop='name'], [itemprop='author'], .byline, .author, .by-line");
        var fromElement = element is null ? null : MainTextExtractor.Normalize(element.TextContent);
        if (fromElement is { Length: > 100 or 0 })
        {
            fromElement = null;
        }

        return jsonLd?.Author ?? meta ?? fromElement;
    }

    public static DateTimeOffset? Published(IDocument document, JsonLdArticle? jsonLd, Uri pageUri)
    {
        var candidates = new[]
        {
            jsonLd?.DatePublished,
            Meta(document, "article:published_time"), Meta(document, "og:published_time"), Meta(document, "published_time"),
            Meta(document, "datePublished"), Meta(document, "pubdate"), Meta(document, "publishdate"), Meta(document, "publish-date"),
            Meta(document, "date"), Meta(document, "dc.date"), Meta(document, "dc.date.issued"), Meta(document, "dcterms.created"),
            Meta(document, "dcterms.date"), Meta(document, "sailthru.date"), Meta(document, "parsely-pub-date"), Meta(document, "article.published"),
            document.QuerySelector("[itemprop='datePublished']") is { } item ? item.GetAttribute("content") ?? item.GetAttribute("datetime") ?? item.TextContent : null,
            document.QuerySelector("time[pubdate]")?.GetAttribute("datetime"),
            document.QuerySelector("article time[datetime], time[datetime]")?.GetAttribute("datetime"),
        };
        return candidates.Select(FeedDates.TryParse).FirstOrDefault(d => d is not null) ?? DateInUrl(pageUri);
    }

    public static DateTimeOffset? Modified(IDocument document, JsonLdArticle? jsonLd) => new[]
        {
            jsonLd?.DateModified, Meta(document, "article:modified_time"), Meta(document, "og:updated_time"), Meta(document, "dateModified"),
            Meta(document, "dcterms.modified"), document.QuerySelector("[itemprop='dateModified']")?.GetAttribute("content"),
        }
        .Select(FeedDates.TryParse).FirstOrDefault(d => d is not null);

    public static string? SiteName(IDocument document, JsonLdArticle? jsonLd) =>
        Meta(document, "og:site_name") ?? jsonLd?.Publisher ?? Meta(document, "application-name") ?? Meta(document, "publisher");

    public static string? LeadImage(IDocument document, JsonLdArticle? jsonLd, Uri pageUri) =>
        Absolute(pageUri, Meta(document, "og:image") ?? Meta(document, "twitter:image") ?? jsonLd?.Image
            ?? document.QuerySelector("article img[src], main img[src]")?.GetAttribute("src"));

    /// <summary>The page's own idea of its URL (rel=canonical, then og:url), absolute, or null.</summary>
    public static string? Canonical(IDocument document, Uri pageUri) =>
        Absolute(pageUri, document.QuerySelector("link[rel='canonical']")?.GetAttribute("href") ?? Meta(document, "og:url"));

    public static string? DeclaredLanguage(IDocument document)
    {
        var lang = document.DocumentElement.GetAttribute("lang") ?? Meta(document, "content-language") ?? Meta(document, "og:locale")
            ?? document.QuerySelector("meta[http-equiv='content-language' i]")?.GetAttribute("content");
        if (string.IsNullOrWhiteSpace(lang))
        {
            return null;
        }

        var primary = lang.Trim().Split('-', '_', ',')[0].ToLowerInvariant();
        return primary.Length is 2 or 3 && primary.All(char.IsAsciiLetter) ? primary : null;
    }

    internal static DateTimeOffset? DateInUrl(Uri pageUri)
    {
        var m = UrlDate().Match(pageUri.AbsolutePath);
        return m.Success ? FeedDates.TryParse($"{m.Groups[1].Value}-{m.Groups[2].Value}-{m.Groups[3].Value}") : null;
    }

    private static string? Meta(IDocument document, string name)
    {
        foreach (var meta in document.Head?.QuerySelectorAll("meta") ?? document.QuerySelectorAll("meta"))
        {
            var key = meta.GetAttribute("property") ?? meta.GetAttribute("name") ?? meta.GetAttribute("itemprop");
            if (key is not null && key.Split(' ', StringSplitOptions.RemoveEmptyEntries).Any(k => k.Equals(name, StringComparison.OrdinalIgnoreCase))
                && meta.GetAttribute("content") is { } content
                && !string.IsNullOrWhiteSpace(content))
            {
                return content.Trim();
            }
        }

        return null;
    }

    private static string? CleanDocumentTitle(string? title)
    {
        if (string.IsNullOrWhiteSpace(title))
        {
            return null;
        }

        var parts = TitleSeparator().Split(title.Trim());
        if (parts.Length == 1)
        {
            return title.Trim();
        }

        // "Headline | Site" or "Site - Headline": keep the longest part when it is a real headline.
        var longest = parts.MaxBy(p => p.Length)!.Trim();
        return longest.Split(' ').Length >= 3 ? longest : title.Trim();
    }

    private static string? Absolute(Uri baseUri, string? link) =>
        !string.IsNullOrWhiteSpace(link) && Uri.TryCreate(baseUri, link.Trim(), out var uri) && uri.Scheme is "http" or "https" ? uri.AbsoluteUri : null;

    [GeneratedRegex(@"\s+[|\-–—»·]\s+")]
    private static partial Regex TitleSeparator();

    [GeneratedRegex(@"/((?:19|20)\d{2})[/\-](\d{1,2})[/\-](\d{1,2})(?:/|$)")]
    private static partial Regex UrlDate();
}
