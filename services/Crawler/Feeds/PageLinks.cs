using AngleSharp.Html.Parser;
using MediaMonitor.Crawler.Urls;

namespace MediaMonitor.Crawler.Feeds;

/// <summary>
/// A plain page used as a source (a section front with no feed): its links that look like articles, i.e. on the same
/// host, at least two path segments or a long slug, with a headline-length anchor text.
/// </summary>
public static class PageLinks
{
    public static IReadOnlyList<FeedItem> Find(string html, Uri pageUri, int max)
    {
        ArgumentNullException.ThrowIfNull(pageUri);
        using var document = new HtmlParser().ParseDocument(html ?? string.Empty);
        var items = new List<FeedItem>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var anchor in document.QuerySelectorAll("a[href]"))
        {
            if (items.Count >= max)
            {
                break;
            }

            if (!Uri.TryCreate(pageUri, anchor.GetAttribute("href"), out var target) || target.Scheme is not ("http" or "https")
                || !SameSite(target, pageUri))
            {
                continue;
            }

            var text = string.Join(' ', anchor.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
            var segments = target.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
            var looksLikeArticle = segments.Length >= 2 || (segments.Length == 1 && segments[0].Count(c => c == '-') >= 3);
            if (!looksLikeArticle || text.Length < 20 || text.Split(' ').Length < 4)
            {
                continue;
            }

            var canonical = CanonicalUrl.TryCanonicalize(target.AbsoluteUri);
            if (canonical is not null && canonical != CanonicalUrl.TryCanonicalize(pageUri.AbsoluteUri) && seen.Add(canonical))
            {
                items.Add(new FeedItem(target.AbsoluteUri, text, null, canonical, null, null));
            }
        }

        return items;
    }

    internal static bool SameSite(Uri a, Uri b) =>
        string.Equals(StripWww(a.IdnHost), StripWww(b.IdnHost), StringComparison.OrdinalIgnoreCase);

    private static string StripWww(string host) => host.StartsWith("www.", StringComparison.OrdinalIgnoreCase) ? host[4..] : host;
}
