using System.Xml;
using System.Xml.Linq;

namespace MediaMonitor.Crawler.Feeds;

/// <summary>One feed listed in an OPML file.</summary>
public sealed record OpmlFeed(string Url, string? Title, string? HtmlUrl);

/// <summary>
/// Reads an OPML 1.0/2.0 subscription list (nested outlines, xmlUrl attributes) with the same XML safety as feeds:
/// no DTD processing, no resolver, entity declarations refused. The Api's OPML import endpoint can use it.
/// </summary>
public static class OpmlReader
{
    public static IReadOnlyList<OpmlFeed> Read(byte[] content)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (FeedText.DeclaresEntities(content))
        {
            throw new FeedRejectedException("the OPML declares entities in a DTD; refused");
        }

        XDocument document;
        try
        {
            using var reader = XmlReader.Create(new MemoryStream(content), new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore, XmlResolver = null, MaxCharactersInDocument = FeedParser.MaxCharacters });
            document = XDocument.Load(reader);
        }
        catch (XmlException ex)
        {
            throw new FeedRejectedException("the OPML is not well-formed XML: " + ex.Message, ex);
        }

        if (document.Root?.Name.LocalName.Equals("opml", StringComparison.OrdinalIgnoreCase) != true)
        {
            throw new FeedRejectedException($"not an OPML document (root element <{document.Root?.Name.LocalName}>)");
        }

        return document.Descendants()
            .Where(e => e.Name.LocalName == "outline")
            .Select(e => (Url: Attribute(e, "xmlUrl"), Title: Attribute(e, "title") ?? Attribute(e, "text"), Html: Attribute(e, "htmlUrl")))
            .Where(o => o.Url is not null && Uri.TryCreate(o.Url, UriKind.Absolute, out var u) && u.Scheme is "http" or "https")
            .Select(o => new OpmlFeed(new Uri(o.Url!).AbsoluteUri, o.Title, o.Html))
            .DistinctBy(f => f.Url)
            .ToList();
    }

    private static string? Attribute(XElement element, string name) =>
        element.Attributes().FirstOrDefault(a => a.Name.LocalName.Equals(name, StringComparison.OrdinalIgnoreCase))?.Value.Trim() is { Length: > 0 } value ? value : null;
}
