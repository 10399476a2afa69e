using AngleSharp.Html.Parser;

namespace MediaMonitor.Crawler.Feeds;

/// <summary>A feed an HTML page advertises: its link element's title, its href as written, and that href made absolute.</summary>
public sealed record DiscoveredFeed(string? Title, string Href, string Url, string Type);

/// <summary>Feed autodiscovery: the link rel="alternate" elements of an HTML page that point at RSS, Atom or JSON feeds.</summary>
public static class FeedDiscovery
{
    private static readonly string[] FeedTypes =
        ["application/rss+xml", "application/atom+xml", "application/feed+json", "application/json", "application/rdf+xml", "application/xml", "text/xml"];

    public static IReadOnlyList<DiscoveredFeed> Find(string html, Uri pageUri)
    {
        ArgumentNullException.ThrowIfNull(pageUri);
        using var document = new HtmlParser().ParseDocument(html ?? string.Empty);
        var found = new List<DiscoveredFeed>();
        foreach (var link in document.QuerySelectorAll("link[href]"))
        {
            var rel = (link.GetAttribute("rel") ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var type = (link.GetAttribute("type") ?? string.Empty).Trim().ToLowerInvariant();
            if (!rel.Any(r => r.Equals("alternate", StringComparison.OrdinalIgnoreCase)) || !FeedTypes.Contains(type))
            {
                continue;
            }

            var href = link.GetAttribute("href")!.Trim();
            if (Uri.TryCreate(pageUri, href, out var absolute) && absolute.Scheme is "http" or "https")
            {
                found.Add(new DiscoveredFeed(link.GetAttribute("title"), href, absolute.AbsoluteUri, type));
            }
        }

        return found.DistinctBy(f => f.Url).ToList();
    }
}
