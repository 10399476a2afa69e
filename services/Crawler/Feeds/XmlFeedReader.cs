using System.Xml;
using System.Xml.Linq;

namespace MediaMonitor.Crawler.Feeds;

/// <summary>
/// Reads RSS 0.9x/1.0/2.0 and Atom 0.3/1.0 documents: namespaces, relative links resolved against xml:base and the
/// feed URL, dates in any common format. Elements are matched by local name so dialects and sloppy namespaces still read.
/// </summary>
internal static class XmlFeedReader
{
    private static readonly XNamespace XmlNs = XNamespace.Xml;
    private static readonly XNamespace Rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";

    public static ParsedFeed Read(XDocument document, Uri? feedUri, IReadOnlyList<string> problems)
    {
        var root = document.Root ?? throw new FeedRejectedException("the document has no root element");
        return root.Name.LocalName.ToLowerInvariant() switch
        {
            "rss" => ReadRss(root, "rss " + ((string?)root.Attribute("version") ?? "2.0"), feedUri, problems),
            "rdf" => ReadRss(root, "rss 1.0", feedUri, problems),
            "channel" => ReadRss(root, "rss (bare channel)", feedUri, problems),
            "feed" => ReadAtom(root, feedUri, problems),
            "html" => throw new FeedRejectedException("the document is an HTML page, not a feed"),
            var other => throw new FeedRejectedException($"the document is not a feed (root element <{other}>)"),
        };
    }

    private static ParsedFeed ReadRss(XElement root, string format, Uri? feedUri, IReadOnlyList<string> problems)
    {
        var channel = root.Name.LocalName.Equals("channel", StringComparison.OrdinalIgnoreCase) ? root : Child(root, "channel");
        var title = PlainText(Child(channel, "title"));
        var link = ResolveLink(channel ?? root, LinkText(channel) ?? AtomAlternate(channel), feedUri);
        var items = root.Descendants().Where(e => e.Name.LocalName.Equals("item", StringComparison.OrdinalIgnoreCase))
            .Select(item => ReadRssItem(item, feedUri))
                        .ToList();
        return new ParsedFeed(format, title, link, items, problems) { Push = WebSub.WebSubLinks.FromFeedElement(channel ?? root, feedUri) };
    }

    private static FeedItem ReadRssItem(XElement item, Uri? feedUri)
    {
        var guid = Child(item, "guid");
        var guidIsLink = guid is not null && !string.Equals((string?)guid.Attribute("isPermaLink"), "false", StringComparison.OrdinalIgnoreCase);
        var candidates = new[]
        {
            LinkText(item),
            AtomAlternate(item),
            guidIsLink ? Text(guid) : null,
            (string?)item.Attribute(Rdf + "about"),
            Text(Child(item, "origLink")),
        };
        var link = candidates.Select(c => ResolveLink(item, c, feedUri)).FirstOrDefault(c => c is not null);

        var published = FirstDate(item, "pubDate", "date", "issued", "published", "created", "updated", "modified");
        var summary = Text(Child(item, "description")) ?? Text(Child(item, "encoded")) ?? Text(Child(item, "summary"));
        var author = Text(Child(item, "creator")) ?? Text(Child(item, "author"));
        return new FeedItem(link, PlainText(Child(item, "title")), published, Text(guid) ?? link, summary, author);
    }

    private static ParsedFeed ReadAtom(XElement root, Uri? feedUri, IReadOnlyList<string> problems)
    {
        var version = (string?)root.Attribute("version") == "0.3" || root.Name.NamespaceName.Contains("purl.org/atom", StringComparison.Ordinal)
            ? "atom 0.3" : "atom 1.0";
        var title = PlainText(Child(root, "title"));
        var link = ResolveLink(root, AtomAlternate(root), feedUri);
        var items = root.Elements().Where(e => e.Name.LocalName.Equals("entry", StringComparison.OrdinalIgnoreCase))
            .Select(entry => ReadAtomEntry(entry, feedUri))
                        .ToList();
        return new ParsedFeed(version, title, link, items, problems) { Push = WebSub.WebSubLinks.FromFeedElement(root, feedUri) };
    }

    private static FeedItem ReadAtomEntry(XElement entry, Uri? feedUri)
    {
        var link = ResolveLink(entry, AtomAlternate(entry), feedUri)
            ?? ResolveLink(entry, Text(Child(entry, "origLink")), feedUri)
            ?? ResolveLink(entry, Text(Child(entry, "id")), feedUri);

        var published = FirstDate(entry, "published", "issued", "created", "date", "updated", "modified");
        var summary = Text(Child(entry, "summary")) ?? Text(Child(entry, "content"));
        var authorElement = Child(entry, "author");
        var author = Text(Child(authorElement, "name")) ?? Text(authorElement) ?? Text(Child(entry, "creator"));
        return new FeedItem(link, PlainText(Child(entry, "title")), published, Text(Child(entry, "id")) ?? link, summary, author);
    }

    private static string? AtomAlternate(XElement? parent)
    {
        if (parent is null)
        {
            return null;
        }

        var links = parent.Elements().Where(e => e.Name.LocalName.Equals("link", StringComparison.OrdinalIgnoreCase) && e.Attribute("href") is not null)
            .ToList();
        var alternate = links.FirstOrDefault(l => ((string?)l.Attribute("rel") ?? "alternate") == "alternate"
                && ((string?)l.Attribute("type") ?? "text/html").Contains("html", StringComparison.OrdinalIgnoreCase))
            ?? links.FirstOrDefault(l => ((string?)l.Attribute("rel") ?? "alternate") == "alternate");
        return (string?)alternate?.Attribute("href");
    }

    private static DateTimeOffset? FirstDate(XElement parent, params string[] names) =>
        names.Select(n => FeedDates.TryParse(Text(Child(parent, n)))).FirstOrDefault(d => d is not null);

    internal static XElement? Child(XElement? parent, string localName) =>
        parent?.Elements().FirstOrDefault(e => e.Name.LocalName.Equals(localName, StringComparison.OrdinalIgnoreCase));

    private static string? Text(XElement? element)
    {
        if (element is null)
        {
            return null;
        }

        var value = element.HasElements && element.Elements().All(e => e.Name.LocalName is "div" or "p" or "span" or "b" or "i" or "em" or "strong" or "a" or "br")
            ? string.Concat(element.DescendantNodes().OfType<XText>().Select(t => t.Value))
            : element.Value;
        value = value.Trim();
        return value.Length == 0 ? null : value;
    }

    /// <summary>
    /// A title as plain text, by the text-construct rules: type="text" as written; type="html" (and RSS text holding
    /// tags) un-tagged and un-escaped; type="xhtml" or inline markup as its text; mode="base64" decoded first.
    /// </summary>
    internal static string? PlainText(XElement? element)
    {
        if (element is null)
        {
            return null;
        }

        var type = ((string?)element.Attribute("type") ?? string.Empty).ToLowerInvariant();
        string value;
        if (element.HasElements)
        {
            value = string.Concat(element.DescendantNodes().OfType<XText>().Select(t => t.Value));
        }
        else
        {
            value = element.Value;
            var binaryType = type.Contains('/', StringComparison.Ordinal) && !type.StartsWith("text/", StringComparison.Ordinal) && !type.Contains("xml", StringComparison.Ordinal);
            if (string.Equals((string?)element.Attribute("mode"), "base64", StringComparison.OrdinalIgnoreCase) || type == "base64" || binaryType)
            {
                value = DecodeBase64(value);
            }

            var looksLikeHtml = HtmlTags.HasTags(value) || value.Contains('&', StringComparison.Ordinal);
            if (type is "html" or "text/html" || (type is "" && looksLikeHtml) || (string.Equals((string?)element.Attribute("mode"), "escaped", StringComparison.OrdinalIgnoreCase)))
            {
                value = System.Net.WebUtility.HtmlDecode(HtmlTags.Strip(value));
            }
        }

        value = string.Join(' ', value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return value.Length == 0 ? null : value;
    }

    private static string DecodeBase64(string value)
    {
        try
        {
            return System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(value.Trim()));
        }
        catch (FormatException)
        {
            return value;
        }
    }

    /// <summary>The RSS link element's text, skipping atom:link and other href-only elements that share the local name.</summary>
    private static string? LinkText(XElement? parent) =>
        parent?.Elements()
            .Where(e => e.Name.LocalName.Equals("link", StringComparison.OrdinalIgnoreCase) && e.Attribute("href") is null)
            .Select(e => e.Value.Trim())
            .FirstOrDefault(v => v.Length > 0);

    /// <summary>An absolute http(s) link for a possibly relative one, resolved against xml:base of the element and its ancestors.</summary>
    private static string? ResolveLink(XElement context, string? link, Uri? feedUri)
    {
        if (string.IsNullOrWhiteSpace(link))
        {
            return null;
        }

        var baseUri = BaseOf(context, feedUri);
        Uri? resolved;
        if (baseUri is null)
        {
            Uri.TryCreate(link.Trim(), UriKind.Absolute, out resolved);
        }
        else
        {
            Uri.TryCreate(baseUri, link.Trim(), out resolved);
        }

        return resolved is { IsAbsoluteUri: true } && (resolved.Scheme == Uri.UriSchemeHttp || resolved.Scheme == Uri.UriSchemeHttps)
            ? resolved.AbsoluteUri
            : null;
    }

    private static Uri? BaseOf(XElement element, Uri? feedUri)
    {
        var bases = element.AncestorsAndSelf().Select(e => (string?)e.Attribute(XmlNs + "base")).OfType<string>().Reverse();
        var current = feedUri;
        foreach (var b in bases)
        {
            if (current is null ? Uri.TryCreate(b, UriKind.Absolute, out var next) : Uri.TryCreate(current, b, out next))
            {
                current = next;
            }
        }

        return current;
    }
}
