using System.IO.Compression;
using System.Xml;
using System.Xml.Linq;

namespace MediaMonitor.Crawler.Feeds;

/// <summary>
/// Sitemaps (sitemaps.org 0.9) and Google news sitemaps: a urlset becomes feed items (news:title and
/// news:publication_date when present, else lastmod); a sitemapindex lists child sitemaps. Gzipped bodies are inflated
/// with the same size limit as any other body.
/// </summary>
public static class SitemapReader
{
    public static bool LooksLikeSitemap(byte[] content)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (IsGzip(content))
        {
            return true;
        }

        var head = FeedText.SniffHead(content);
        return head.Contains("<urlset", StringComparison.Ordinal) || head.Contains("<sitemapindex", StringComparison.Ordinal);
    }

    /// <summary>Reads a sitemap; <see cref="Sitemap.ChildSitemaps"/> is non-empty for an index.</summary>
    public static Sitemap Read(byte[] content, Uri sitemapUri, long maxBytes)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (IsGzip(content))
        {
            content = Gunzip(content, maxBytes);
        }

        if (FeedText.DeclaresEntities(content))
        {
            throw new FeedRejectedException("the sitemap declares entities in a DTD; refused");
        }

        XDocument document;
        try
        {
            using var reader = XmlReader.Create(new MemoryStream(content), new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore, XmlResolver = null, MaxCharactersInDocument = FeedParser.MaxCharacters });
            document = XDocument.Load(reader);
        }
        catch (XmlException ex)
        {
            throw new FeedRejectedException("the sitemap is not well-formed XML: " + ex.Message, ex);
        }

        var root = document.Root!;
        if (root.Name.LocalName == "sitemapindex")
        {
            var children = root.Elements().Where(e => e.Name.LocalName == "sitemap")
                .Select(e => Absolute(sitemapUri, Child(e, "loc")?.Value)).OfType<string>().ToList();
            return new Sitemap([], children);
        }

        if (root.Name.LocalName != "urlset")
        {
            throw new FeedRejectedException($"not a sitemap (root element <{root.Name.LocalName}>)");
        }

        var items = new List<FeedItem>();
        foreach (var url in root.Elements().Where(e => e.Name.LocalName == "url"))
        {
            var loc = Absolute(sitemapUri, Child(url, "loc")?.Value);
            if (loc is null)
            {
                continue;
            }

            var news = Child(url, "news");
            var title = Child(news, "title")?.Value.Trim();
            var date = FeedDates.TryParse(Child(news, "publication_date")?.Value) ?? FeedDates.TryParse(Child(url, "lastmod")?.Value);
            items.Add(new FeedItem(loc, string.IsNullOrEmpty(title) ? null : title, date, loc, null, null));
        }

        return new Sitemap(items, []);
    }

    private static XElement? Child(XElement? parent, string localName) =>
        parent?.Elements().FirstOrDefault(e => e.Name.LocalName == localName);

    private static string? Absolute(Uri baseUri, string? loc) =>
        !string.IsNullOrWhiteSpace(loc) && Uri.TryCreate(baseUri, loc.Trim(), out var uri) && uri.Scheme is "http" or "https" ? uri.AbsoluteUri : null;

    private static bool IsGzip(byte[] content) => content is [0x1F, 0x8B, ..];

    private static byte[] Gunzip(byte[] content, long maxBytes)
    {
        using var gzip = new GZipStream(new MemoryStream(content), CompressionMode.Decompress);
        using var output = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        try
        {
            while ((read = gzip.Read(buffer, 0, buffer.Length)) > 0)
            {
                if (output.Length + read > maxBytes)
                {
                    throw new FeedRejectedException($"the gzipped sitemap inflates to more than {maxBytes} bytes (decompression bomb guard)");
                }

                output.Write(buffer, 0, read);
            }
        }
        catch (InvalidDataException ex)
        {
            throw new FeedRejectedException("the gzipped sitemap is corrupt: " + ex.Message, ex);
        }

        return output.ToArray();
    }
}

/// <summary>A read sitemap: its article URLs, or, for a sitemap index, its child sitemaps.</summary>
public sealed record Sitemap(IReadOnlyList<FeedItem> Items, IReadOnlyList<string> ChildSitemaps);
