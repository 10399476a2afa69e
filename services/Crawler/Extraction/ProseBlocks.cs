using AngleSharp.Dom;

namespace MediaMonitor.Crawler.Extraction;

/// <summary>
/// A second opinion on the main text that does not depend on choosing one container (after jusText's block
/// classification): every text block of the page (furniture removed) is judged on its own by length and link density;
/// the article is the run from the first to the last good block, keeping short blocks between good ones that are
/// not mostly links. Used when the container-based extractor finds much less prose than the page holds.
/// </summary>
internal static class ProseBlocks
{
    private const int GoodLength = 100;
    private const int Reach = 3;

    public static (string Text, int GoodCharacters) Extract(IElement body, string? byline = null)
    {
        var blocks = new List<(string Text, bool Good, bool Link)>();
        foreach (var element in body.QuerySelectorAll("p, pre, blockquote, li, td, dd, h1, h2, h3, h4, h5, h6, div, section, article"))
        {
            if (element.Children.Any(c => IsBlock(c.LocalName)) || element.ParentElement?.Closest("li, p, blockquote, pre") is not null)
            {
                continue;
            }

            var text = MainTextExtractor.Normalize(element.TextContent);
            if (text.Length == 0)
            {
                continue;
            }

            var density = MainTextExtractor.LinkDensity(element);
            var heading = element.LocalName is ['h', >= '1' and <= '6'];
            var good = !heading && text.Length >= GoodLength && density < 0.25 && SentenceLike(text);
            blocks.Add((text, good, density > 0.5));
        }

        var first = blocks.FindIndex(b => b.Good);
        if (first < 0)
        {
            return (string.Empty, 0);
        }

        var last = blocks.FindLastIndex(b => b.Good);
        var kept = new List<string>();
        var goodCharacters = 0;
        for (var i = first; i <= last; i++)
        {
            var (text, good, link) = blocks[i];
            if (good || (!link && !BoilerplateRules.IsFurnitureLine(text) && !ArticleFurniture.IsFurnitureLine(text, byline) && GoodWithin(blocks, i, -1) && GoodWithin(blocks, i, 1)))
            {
                kept.Add(text);
                goodCharacters += good ? text.Length : 0;
            }
        }

        return (string.Join("\n\n", kept), goodCharacters);
    }

    /// <summary>Whether a good block lies within <see cref="Reach"/> blocks before (step -1) or after (step 1) block i.</summary>
    private static bool GoodWithin(List<(string Text, bool Good, bool Link)> blocks, int i, int step)
    {
        for (var k = 1; k <= Reach; k++)
        {
            var j = i + (k * step);
            if (j < 0 || j >= blocks.Count)
            {
                return false;
            }

            if (blocks[j].Good)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Prose has sentences: a few words and some sentence punctuation, not a row of labels or numbers.</summary>
    private static bool SentenceLike(string text) =>
        text.Count(c => c == ' ') >= 10 && text.Any(c => c is '.' or '!' or '?' or ',' or '。' or '،' or ';');

    private static bool IsBlock(string tag) => tag is "p" or "div" or "section" or "article" or "main" or "ul" or "ol" or "li" or "table"
        or "tr" or "td" or "blockquote" or "pre" or "h1" or "h2" or "h3" or "h4" or "h5" or "h6" or "dl" or "dd" or "dt" or "figure" or "header";
}
