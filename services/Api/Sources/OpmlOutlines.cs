using System.Xml;

namespace MediaMonitor.Api.Sources;

/// <summary>
/// Reads the xmlUrl of every outline (nested ones too) from an OPML document. Hostile XML is refused: DTDs are
/// prohibited (so no entity expansion), no resolver, and the document size is capped.
/// </summary>
public static class OpmlOutlines
{
    public const long MaxCharacters = 1_000_000;

    /// <summary>The outlines' xmlUrl values in document order (duplicates removed), or an error saying why the document was refused.</summary>
    public static bool TryRead(Stream content, out IReadOnlyList<string> urls, out string error)
    {
        ArgumentNullException.ThrowIfNull(content);
        var found = new List<string>();
        urls = found;
        error = "";
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, MaxCharactersInDocument = MaxCharacters, IgnoreComments = true };
        try
        {
            using var reader = XmlReader.Create(content, settings);
            if (reader.MoveToContent() != XmlNodeType.Element || !reader.LocalName.Equals("opml", StringComparison.OrdinalIgnoreCase))
            {
                error = $"not an OPML document (root element <{reader.LocalName}>)";
                return false;
            }

            while (reader.Read())
            {
                if (reader.NodeType == XmlNodeType.Element && reader.LocalName.Equals("outline", StringComparison.OrdinalIgnoreCase)
                    && XmlUrl(reader) is { } url && !found.Contains(url, StringComparer.Ordinal))
                {
                    found.Add(url);
                }
            }

            return true;
        }
        catch (XmlException ex) when (ex.Message.Contains("DTD", StringComparison.OrdinalIgnoreCase))
        {
            error = "the OPML contains a DTD (DOCTYPE/entities), which is refused";
        }
        catch (XmlException ex)
        {
            error = "the OPML is not well-formed XML: " + ex.Message;
        }

        found.Clear();
        return false;
    }

    private static string? XmlUrl(XmlReader reader)
    {
        while (reader.MoveToNextAttribute())
        {
            if (reader.LocalName.Equals("xmlUrl", StringComparison.OrdinalIgnoreCase) && reader.Value.Trim() is { Length: > 0 } value)
            {
                reader.MoveToElement();
                return value;
            }
        }

        reader.MoveToElement();
        return null;
    }
}
