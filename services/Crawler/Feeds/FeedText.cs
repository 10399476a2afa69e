using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace MediaMonitor.Crawler.Feeds;

/// <summary>Byte-level facts about a feed document: its encoding (BOM, HTTP header, XML declaration), DTD entities, repairs.</summary>
internal static partial class FeedText
{
    static FeedText()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
    }

    public static string SniffHead(byte[] content)
    {
        var length = Math.Min(content.Length, 1024);
        var encoding = BomEncoding(content) ?? Encoding.UTF8;
        return encoding.GetString(content, 0, length).TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
    }

    public static bool HasBom(byte[] content) => BomEncoding(content) is not null;

    /// <summary>Whether a DOCTYPE declares entities (the shape of billion-laughs and XXE attacks).</summary>
    public static bool DeclaresEntities(byte[] content)
    {
        var head = Encoding.Latin1.GetString(content, 0, Math.Min(content.Length, 64 * 1024));
        var doctype = head.IndexOf("<!DOCTYPE", StringComparison.OrdinalIgnoreCase);
        return doctype >= 0 && head.IndexOf("<!ENTITY", doctype, StringComparison.OrdinalIgnoreCase) >= 0;
    }

    public static Encoding? CharsetFromContentType(string? contentType)
    {
        if (contentType is null)
        {
            return null;
        }

        var m = CharsetPattern().Match(contentType);
        return m.Success ? EncodingByName(m.Groups[1].Value) : null;
    }

    /// <summary>Decodes the document: BOM first, then the HTTP charset, then the XML declaration, then UTF-8.</summary>
    public static string Decode(byte[] content, string? contentType)
    {
        var encoding = BomEncoding(content) ?? CharsetFromContentType(contentType) ?? DeclaredEncoding(content) ?? Encoding.UTF8;
        return encoding.GetString(content).TrimStart('\uFEFF');
    }

    /// <summary>Fixes the common breakages: HTML entities, bare ampersands, control characters, a DOCTYPE.</summary>
    public static string Repair(string text)
    {
        text = InvalidXmlChars().Replace(text, string.Empty);
        text = DoctypePattern().Replace(text, string.Empty);
        text = XmlDeclaration().Replace(text, string.Empty);
        return EntityOrAmpersand().Replace(text, m =>
        {
            var name = m.Groups["name"].Value;
            if (name.Length == 0)
            {
                return m.Value == "&" ? "&amp;" : m.Value;
            }

            if (name is "amp" or "lt" or "gt" or "quot" or "apos")
            {
                return m.Value;
            }

            var decoded = WebUtility.HtmlDecode("&" + name + ";");
            return decoded.StartsWith('&')
                ? "&amp;" + name + ";"
                : string.Concat(decoded.EnumerateRunes().Select(r => "&#" + r.Value + ";"));
        });
    }

    private static Encoding? DeclaredEncoding(byte[] content)
    {
        var head = Encoding.Latin1.GetString(content, 0, Math.Min(content.Length, 512));
        var m = DeclarationEncoding().Match(head);
        return m.Success ? EncodingByName(m.Groups[1].Value) : null;
    }

    private static Encoding? EncodingByName(string name)
    {
        try
        {
            var normalized = name.Trim().Trim('"', '\'').ToLowerInvariant().Replace('_', '-');
            normalized = normalized switch
            {
                "u16" or "utf16" => "utf-16",
                "u32" or "utf32" => "utf-32",
                "u8" or "utf8" => "utf-8",
                _ => normalized,
            };
            return Encoding.GetEncoding(normalized);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static Encoding? BomEncoding(byte[] b) => b switch
    {
        [0xEF, 0xBB, 0xBF, ..] => Encoding.UTF8,
        [0xFF, 0xFE, 0, 0, ..] => Encoding.UTF32,
        [0xFF, 0xFE, ..] => Encoding.Unicode,
        [0xFE, 0xFF, ..] => Encoding.BigEndianUnicode,
        [0, 0, 0xFE, 0xFF, ..] => new UTF32Encoding(bigEndian: true, byteOrderMark: true),
        _ => null,
    };

    [GeneratedRegex(@"charset\s*=\s*[""']?([A-Za-z0-9_\-:.]+)", RegexOptions.IgnoreCase)]
    private static partial Regex CharsetPattern();

    [GeneratedRegex(@"<\?xml[^>]*encoding\s*=\s*[""']([A-Za-z0-9_\-:.]+)[""']", RegexOptions.IgnoreCase)]
    private static partial Regex DeclarationEncoding();

    [GeneratedRegex(@"<\?xml[^>]*\?>", RegexOptions.IgnoreCase)]
    private static partial Regex XmlDeclaration();

    [GeneratedRegex(@"<!DOCTYPE[^>\[]*(\[[^\]]*\])?\s*>", RegexOptions.IgnoreCase)]
    private static partial Regex DoctypePattern();

    [GeneratedRegex(@"[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]")]
    private static partial Regex InvalidXmlChars();

    [GeneratedRegex(@"&(?:(?<name>[A-Za-z][A-Za-z0-9]{0,31});|#[0-9]{1,7};|#[xX][0-9A-Fa-f]{1,6};)?")]
    private static partial Regex EntityOrAmpersand();
}
