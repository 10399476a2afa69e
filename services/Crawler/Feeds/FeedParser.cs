using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace MediaMonitor.Crawler.Feeds;

/// <summary>
/// Turns the bytes of a feed into items. XML is read without DTD processing and without a resolver, so entity
/// expansion (billion laughs) and external entities (XXE) are impossible; a document declaring entities is refused.
/// A malformed document is repaired where it can be and the repair is recorded in <see cref="ParsedFeed.Problems"/>.
/// </summary>
public static class FeedParser
{
    public const long MaxCharacters = 20_000_000;

    /// <summary>Parses a feed; throws <see cref="FeedRejectedException"/> with the reason when nothing can be read.</summary>
    public static ParsedFeed Parse(byte[] content, Uri? feedUri, string? contentType = null)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (content.Length == 0)
        {
            throw new FeedRejectedException("the document is empty");
        }

        var head = FeedText.SniffHead(content);
        if (head.StartsWith('{'))
        {
            return JsonFeedReader.Read(content, feedUri);
        }

        if (head.StartsWith("<!doctype html", StringComparison.OrdinalIgnoreCase) || head.StartsWith("<html", StringComparison.OrdinalIgnoreCase))
        {
            throw new FeedRejectedException("the document is an HTML page, not a feed");
        }

        if (FeedText.DeclaresEntities(content))
        {
            throw new FeedRejectedException("the XML declares entities in a DTD; refused (entity expansion and external entities are not allowed)");
        }

        var problems = new List<string>();
        var document = TryLoad(content, contentType, problems);
        if (document is null)
        {
            var text = FeedText.Decode(content, contentType);
            var repaired = FeedText.Repair(text);
            document = TryLoad(repaired, problems);
            if (document is null)
            {
                var salvaged = FeedSalvage.Read(text, feedUri, problems);
                if (salvaged is not null)
                {
                    return salvaged;
                }

                throw new FeedRejectedException("not well-formed XML and nothing could be recovered: " + problems[0]);
            }
        }

        if (contentType is not null && contentType.TrimStart().StartsWith("text/plain", StringComparison.OrdinalIgnoreCase))
        {
            problems.Add("served as text/plain, not as an XML or feed media type");
        }

        return XmlFeedReader.Read(document, feedUri, problems);
    }

    private static XDocument? TryLoad(byte[] content, string? contentType, List<string> problems)
    {
        var headerEncoding = FeedText.CharsetFromContentType(contentType);
        try
        {
            using var stream = new MemoryStream(content, writable: false);
            if (headerEncoding is not null && !FeedText.HasBom(content))
            {
                // RFC 7303: a charset in the HTTP header wins over the XML declaration.
                using var textReader = new StreamReader(stream, headerEncoding, detectEncodingFromByteOrderMarks: false);
                using var xml = XmlReader.Create(textReader, Settings());
                return XDocument.Load(xml, LoadOptions.None);
            }

            using var reader = XmlReader.Create(stream, Settings());
            return XDocument.Load(reader, LoadOptions.None);
        }
        catch (Exception ex) when (ex is XmlException or ArgumentException or NotSupportedException or DecoderFallbackException)
        {
            problems.Add("not well-formed XML: " + ex.Message);
            return null;
        }
    }

    private static XDocument? TryLoad(string text, List<string> problems)
    {
        try
        {
            using var reader = XmlReader.Create(new StringReader(text), Settings());
            return XDocument.Load(reader, LoadOptions.None);
        }
        catch (XmlException ex)
        {
            problems.Add("still not well-formed after repair: " + ex.Message);
            return null;
        }
    }

    private static XmlReaderSettings Settings() => new()
    {
        DtdProcessing = DtdProcessing.Ignore,
        XmlResolver = null,
        MaxCharactersInDocument = MaxCharacters,
        MaxCharactersFromEntities = 1024,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        CheckCharacters = true,
    };
}
