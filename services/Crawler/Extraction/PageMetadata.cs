using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using MediaMonitor.Crawler.Feeds;

namespace MediaMonitor.Crawler.Extraction;

/// <summary>Title, byline, dates, site name, lead image and canonical URL from meta tags, JSON-LD, time elements and the URL.</summary>
internal static partial class PageMetadata
{
    public static string? Byline(IDocument document, JsonLdArticle? jsonLd)
    {
        var meta = Meta(document, "author") ?? Meta(document, "dc.creator") ?? Meta(document, "article:author") ?? Meta(document, "parsely-author");
        if (meta is not null && Uri.TryCreate(meta, UriKind.Absolute, out _))
        {
            meta = null;
        }

        return CleanByline(jsonLd?.Author) ?? CleanByline(meta) ?? BylineElement(document);
    }

    /// <summary>The first element marked as the author (rel, itemprop, byline/author class or id) whose text is short enough to be a name.</summary>
    private static string? BylineElement(IDocument document)
    {
        foreach (var element in document.QuerySelectorAll("[rel~='author'], [itemprop~='author'], [class*='byline' i], [id*='byline' i], [class*='author' i], [class*='dateline' i]"))
        {
            var named = element.QuerySelector("[itemprop~='name']") ?? element;
            var text = CleanByline(MainTextExtractor.Normalize(named.TextContent));
            if (text is { Length: > 1 and < 100 })
            {
                return text;
            }
        }

        return null;
    }

    /// <summary>"By Jane Marsh — Nov 24, 2026 @jane" becomes "Jane Marsh".</summary>
    internal static string? CleanByline(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var value = BylinePrefix().Replace(MainTextExtractor.Normalize(text), string.Empty);
        value = BylineTail().Replace(value, string.Empty).Trim(' ', ',', '-', '–', '—', '|', '•', '·');
        return value.Length == 0 ? null : value;
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

    /// <summary>
    /// A meta tag's content by key, RDFa property before name/itemprop (keys may list several, space-separated); "dc:title"
    /// and "dc.title" are one key.
    /// </summary>
    internal static string? Meta(IDocument document, string name)
    {
        // The whole document: a stray element early in <head> makes the parser move the rest of the head into the body.
        var metas = document.QuerySelectorAll("meta").ToList();
        foreach (var attribute in new[] { "property", "name", "itemprop" })
        {
            foreach (var meta in attribute == "itemprop" ? metas.Where(m => m.ParentElement is IHtmlHeadElement) : metas)
            {
                if (meta.GetAttribute(attribute) is { } key
                    && key.Split(' ', StringSplitOptions.RemoveEmptyEntries).Any(k => SameKey(k, name))
                    && meta.GetAttribute("content") is { } content
                    && !string.IsNullOrWhiteSpace(content))
                {
                    return content.Trim();
                }
            }
        }

        return null;
    }

    private static bool SameKey(string key, string name) =>
        key.Length == name.Length && key.Replace(':', '.').Equals(name.Replace(':', '.'), StringComparison.OrdinalIgnoreCase);

    private static string? Absolute(Uri baseUri, string? link) =>
        !string.IsNullOrWhiteSpace(link) && Uri.TryCreate(baseUri, link.Trim(), out var uri) && uri.Scheme is "http" or "https" ? uri.AbsoluteUri : null;

    [GeneratedRegex(@"^(?:by|par|por|von|di|door|av|af)\s+", RegexOptions.IgnoreCase)]
    private static partial Regex BylinePrefix();

    [GeneratedRegex(@"(?:\s+[-–—|•·,]?\s*(?:\d{1,2}\s+\w+\s+\d{4}|\w+\.?\s+\d{1,2},?\s+\d{4}|\d{4}-\d{2}-\d{2}|\d+\s*(?:h|hrs?|hours?|min|minutes?)\b|@\w+|(?:updated|published|posted)\b).*$)", RegexOptions.IgnoreCase)]
    private static partial Regex BylineTail();

    [GeneratedRegex(@"/((?:19|20)\d{2})[/\-](\d{1,2})[/\-](\d{1,2})(?:/|$)")]
    private static partial Regex UrlDate();
}
