using System.Text.RegularExpressions;
using AngleSharp.Dom;

namespace MediaMonitor.Crawler.Extraction;

/// <summary>
/// A picture's caption and credit ("The harbour at dawn. Photo: J. Marsh / Agency") describe an image, not the story:
/// human gold for article text leaves them out. A caption is a figcaption, or a short block whose class names it one
/// (wp-caption-text, image-caption, Bildunterschrift, didascalia), never a table's caption.
/// </summary>
internal static partial class FigureCaptions
{
    private const int MaxCaptionLength = 400;

    public static void Remove(IElement root)
    {
        foreach (var element in root.QuerySelectorAll("figcaption, [class]").ToList())
        {
            if (element.Parent is not null && IsCaption(element))
            {
                element.Remove();
            }
        }
    }

    private static bool IsCaption(IElement element)
    {
        if (element.LocalName is "body" or "article" or "main" or "table" or "caption")
        {
            return false;
        }

        if (element.LocalName != "figcaption" && !CaptionClass().IsMatch(element.ClassName ?? string.Empty))
        {
            return false;
        }

        return MainTextExtractor.Normalize(element.TextContent).Length <= MaxCaptionLength;
    }

    [GeneratedRegex(@"caption|bildunterschrift|bildtext|legende\b|didascalia|\bdida\b|image-credit|photo-credit|img-credit|copyright", RegexOptions.IgnoreCase)]
    private static partial Regex CaptionClass();
}
