using System.Text.RegularExpressions;
using AngleSharp.Dom;

namespace MediaMonitor.Crawler.Extraction;

/// <summary>
/// The standfirst (lead, intro, teaser, perex, chapô, subtitle): the summary paragraph set in the article's header,
/// above the body and outside the container that holds the body, so choosing that container drops it. Human gold for
/// article text keeps it. Found by its class name, before the body, inside the same article; else as the first block of
/// prose between the headline and the body.
/// </summary>
internal static partial class Standfirst
{
    private const int MinLength = 40;
    private const int MaxLength = 700;

    /// <summary>An unmarked block must be longer than a marked one to count: a dateline or a "5 min read" is not a lead.</summary>
    private const int MinUnmarkedLength = 50;

    /// <summary>The standfirst's text for the body container <paramref name="top"/>, or null when there is none.</summary>
    public static string? Find(IElement top)
    {
        var scope = top.Closest("article") ?? top.ParentElement?.ParentElement;
        if (scope is null)
        {
            return null;
        }

        foreach (var candidate in scope.QuerySelectorAll("p, div"))
        {
            if (candidate == top || candidate.Contains(top) || top.Contains(candidate))
            {
                continue;
            }

            if (!candidate.CompareDocumentPosition(top).HasFlag(DocumentPositions.Following))
            {
                break; // past the body: what follows it is not a standfirst
            }

            if (!LeadClass().IsMatch(candidate.ClassName ?? string.Empty) || NotLead().IsMatch(candidate.ClassName ?? string.Empty)
                || candidate.Children.Any(c => c.LocalName is not ("span" or "strong" or "b" or "em" or "i" or "a" or "br" or "p"))
                || candidate.QuerySelectorAll("p").Length > 2)
            {
                continue;
            }

            var text = MainTextExtractor.Normalize(candidate.TextContent);
            if (text.Length is >= MinLength and <= MaxLength && MainTextExtractor.LinkDensity(candidate) < 0.3)
            {
                return text;
            }
        }

        return null;
    }

    /// <summary>
    /// The standfirst without a telling class name: the first block of prose (50 to 700 characters, eight words or more,
    /// few links, not a byline or time stamp) after the headline (the last h1 before the body, within four levels above
    /// it) and before the body. Null when there is no such headline or block.
    /// </summary>
    public static string? AfterHeadline(IElement top, string? byline)
    {
        IElement? scope = top.ParentElement;
        IElement? headline = null;
        for (var level = 0; scope is not null && level < 4 && scope.LocalName != "body"; level++, scope = scope.ParentElement)
        {
            headline = scope.QuerySelectorAll("h1").LastOrDefault(h => !top.Contains(h) && h.CompareDocumentPosition(top).HasFlag(DocumentPositions.Following));
            if (headline is not null)
            {
                break;
            }
        }

        if (headline is null || scope is null)
        {
            return null;
        }

        foreach (var candidate in scope.QuerySelectorAll("p, div, h2, h3, h4, h5, h6"))
        {
            if (headline.Contains(candidate) || candidate.Contains(top) || candidate.Contains(headline)
                || !headline.CompareDocumentPosition(candidate).HasFlag(DocumentPositions.Following))
            {
                continue;
            }

            if (!candidate.CompareDocumentPosition(top).HasFlag(DocumentPositions.Following))
            {
                break;
            }

            if (candidate.Children.Any(c => c.LocalName is "p" or "div" or "ul" or "ol" or "table" or "section" or "figure" or "h2" or "h3" or "h4" or "h5" or "h6" or "blockquote"))
            {
                continue;
            }

            var text = MainTextExtractor.Normalize(candidate.TextContent);
            if (text.Length is >= MinUnmarkedLength and <= MaxLength && text.Count(c => c == ' ') >= 7 && MainTextExtractor.LinkDensity(candidate) < 0.2
                && !BoilerplateRules.IsFurnitureLine(text) && !ArticleFurniture.IsFurnitureLine(text, byline))
            {
                return text;
            }
        }

        return null;
    }

    [GeneratedRegex(@"(?:^|[\s_-])(?:lead|intro|standfirst|subtitle|sub-?headline|perex|chapo|chapeau|summary|dek|deck|excerpt|abstract|teaser-text|article-teaser|bajada|entradilla|sumario|occhiello|sommario)(?:$|[\s_-])", RegexOptions.IgnoreCase)]
    private static partial Regex LeadClass();

    [GeneratedRegex(@"related|teaser-?list|comment|sidebar|widget|promo|newsletter|author|byline|meta", RegexOptions.IgnoreCase)]
    private static partial Regex NotLead();
}
