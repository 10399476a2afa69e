using System.Net;
using System.Text.RegularExpressions;

namespace MediaMonitor.Crawler.Feeds;

/// <summary>Last resort for XML too broken to repair: pulls items out of the raw text by their tags.</summary>
internal static partial class FeedSalvage
{
    public static ParsedFeed? Read(string text, Uri? feedUri, List<string> problems)
    {
        var blocks = ItemBlock().Matches(text);
        if (blocks.Count == 0)
        {
            // A feed with no items can still be told apart from other XML by its root, and its title kept.
            var root = FeedRoot().Match(text);
            if (!root.Success)
            {
                return null;
            }

            problems.Add("no items; channel recovered from the raw text");
            var channelLink = Tag(text, "link") is { } l && TryResolve(feedUri, l, out var channelUrl) ? channelUrl : null;
            return new ParsedFeed(root.Groups[1].Value.Equals("feed", StringComparison.OrdinalIgnoreCase) ? "atom (salvaged)" : "rss (salvaged)", Tag(text, "title"), channelLink, [], problems);
        }

        var items = new List<FeedItem>();
        foreach (Match block in blocks)
        {
            var body = block.Groups["body"].Value;
            var href = HrefLink().Match(body);
            var link = Tag(body, "link") ?? (href.Success ? href.Groups[1].Value : Tag(body, "guid"));
            string? absolute = null;
            if (link is not null && TryResolve(feedUri, link, out var resolved))
            {
                absolute = resolved;
            }

            var date = FeedDates.TryParse(Tag(body, "pubDate") ?? Tag(body, "dc:date") ?? Tag(body, "published") ?? Tag(body, "updated"));
            items.Add(new FeedItem(absolute, Tag(body, "title"), date, Tag(body, "guid") ?? Tag(body, "id") ?? absolute, Tag(body, "description"), null));
        }

        var firstItem = blocks[0].Index;
        var title = Tag(text[..firstItem], "title");
        var feedLink = Tag(text[..firstItem], "link") is { } fl && TryResolve(feedUri, fl, out var feedUrl) ? feedUrl : null;
        problems.Add($"items recovered from the raw text ({items.Count} of {blocks.Count})");
        return new ParsedFeed(blocks[0].Groups["tag"].Value == "entry" ? "atom (salvaged)" : "rss (salvaged)", title, feedLink, items, problems);
    }

    private static string? Tag(string body, string name)
    {
        var m = Regex.Match(body, "<" + Regex.Escape(name) + @"(?:\s[^>]*)?>(?<v>.*?)</" + Regex.Escape(name) + @"\s*>",
            RegexOptions.Singleline | RegexOptions.IgnoreCase, TimeSpan.FromSeconds(1));
        if (!m.Success)
        {
            return null;
        }

        var value = m.Groups["v"].Value.Trim();
        if (value.StartsWith("<![CDATA[", StringComparison.Ordinal))
        {
            value = value[9..].Replace("]]>", string.Empty, StringComparison.Ordinal);
        }

        value = WebUtility.HtmlDecode(HtmlTags.Strip(value)).Trim();
        return value.Length == 0 ? null : value;
    }

    private static bool TryResolve(Uri? baseUri, string link, out string absolute)
    {
        absolute = string.Empty;
        var ok = baseUri is null ? Uri.TryCreate(link, UriKind.Absolute, out var uri) : Uri.TryCreate(baseUri, link, out uri);
        if (!ok || uri is null || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return false;
        }

        absolute = uri.AbsoluteUri;
        return true;
    }

    [GeneratedRegex(@"<(?<tag>item|entry)(?:\s[^>]*)?>(?<body>.*?)</\k<tag>\s*>", RegexOptions.Singleline | RegexOptions.IgnoreCase, matchTimeoutMilliseconds: 2000)]
    private static partial Regex ItemBlock();

    [GeneratedRegex(@"<(rss|feed|rdf:RDF|channel)[\s>]", RegexOptions.IgnoreCase, matchTimeoutMilliseconds: 1000)]
    private static partial Regex FeedRoot();

    [GeneratedRegex(@"<link[^>]*href\s*=\s*[""']([^""']+)[""']", RegexOptions.IgnoreCase, matchTimeoutMilliseconds: 1000)]
    private static partial Regex HrefLink();
}
