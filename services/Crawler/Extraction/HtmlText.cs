using System.Text;
using System.Text.RegularExpressions;

namespace MediaMonitor.Crawler.Extraction;

/// <summary>Decodes an HTML page's bytes: BOM, then the HTTP charset, then a meta charset, then UTF-8.</summary>
public static partial class HtmlText
{
    static HtmlText()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
    }

    public static string Decode(byte[] body, string? contentType)
    {
        ArgumentNullException.ThrowIfNull(body);
        var encoding = Bom(body) ?? Named(contentType is null ? null : HeaderCharset().Match(contentType))
            ?? Named(MetaCharset().Match(Encoding.Latin1.GetString(body, 0, Math.Min(body.Length, 4096))))
            ?? Encoding.UTF8;
        return encoding.GetString(body).TrimStart('\uFEFF');
    }

    /// <summary>Share of U+FFFD replacement characters: a page that is mostly undecodable is not worth extracting.</summary>
    public static double ReplacementShare(string text) =>
        text.Length == 0 ? 0 : (double)text.Count(c => c == '\uFFFD') / text.Length;

    private static Encoding? Bom(byte[] b) => b switch
    {
        [0xEF, 0xBB, 0xBF, ..] => Encoding.UTF8,
        [0xFF, 0xFE, ..] => Encoding.Unicode,
        [0xFE, 0xFF, ..] => Encoding.BigEndianUnicode,
        _ => null,
    };

    private static Encoding? Named(Match? match)
    {
        if (match is not { Success: true })
        {
            return null;
        }

        try
        {
            return Encoding.GetEncoding(match.Groups[1].Value);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    [GeneratedRegex(@"charset\s*=\s*[""']?([A-Za-z0-9_\-:.]+)", RegexOptions.IgnoreCase)]
    private static partial Regex HeaderCharset();

    [GeneratedRegex(@"<meta[^>]+charset\s*=\s*[""']?([A-Za-z0-9_\-:.]+)", RegexOptions.IgnoreCase)]
    private static partial Regex MetaCharset();
}
