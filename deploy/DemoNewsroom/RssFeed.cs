using System.Globalization;
using System.Xml.Linq;

namespace MediaMonitor.DemoNewsroom;

/// <summary>An outlet's RSS 2.0 feed.</summary>
public static class RssFeed
{
    public static string Render(Outlet outlet, IReadOnlyList<NewsItem> items, Uri baseAddress)
    {
        var updated = items.Count > 0 ? items.Max(i => i.PublishedAt) : DateTimeOffset.UnixEpoch;
        var channel = new XElement("channel",
            new XElement("title", outlet.Name),
            new XElement("link", new Uri(baseAddress, "/" + outlet.Slug + "/").AbsoluteUri),
            new XElement("description", outlet.Tagline),
            new XElement("language", "en"),
            new XElement("lastBuildDate", Rfc822(updated)),
            items.Select(i => new XElement("item",
                new XElement("title", i.Headline),
                new XElement("link", new Uri(baseAddress, i.Path).AbsoluteUri),
                new XElement("guid", new XAttribute("isPermaLink", "true"), new Uri(baseAddress, i.Path).AbsoluteUri),
                new XElement("pubDate", Rfc822(i.PublishedAt)),
                new XElement("author", i.Byline),
                new XElement("description", i.Summary))));
        var doc = new XDocument(new XDeclaration("1.0", "utf-8", null), new XElement("rss", new XAttribute("version", "2.0"), channel));
        return doc.Declaration + "\n" + doc.Root;
    }

    private static string Rfc822(DateTimeOffset at) => at.ToUniversalTime().ToString("ddd, dd MMM yyyy HH:mm:ss", CultureInfo.InvariantCulture) + " GMT";
}
