using System.Text.RegularExpressions;
using AngleSharp.Dom;

namespace MediaMonitor.Crawler.Extraction;

/// <summary>
/// The standfirst (lead, intro, teaser, perex, chapô, subtitle): the summary paragraph set in the article's header,
/// above the body and outside the container that holds the body, so choosing that container drops it. Human gold for
/// article text keeps it. Found by its class name, before the body, inside the same article.
/// </summary>
internal static partial class Standfirst
{
    private const int MinLength = 40;
    private const int MaxLength = 700;

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

    [GeneratedRegex(@"(?:^|[\s_-])(?:lead|intro|standfirst|subtitle|sub-?headline|perex|chapo|chapeau|summary|dek|deck|excerpt|abstract|teaser-text|article-teaser|bajada|entradilla|sumario|occhiello|sommario)(?:$|[\s_-])", RegexOptions.IgnoreCase)]
    private static partial Regex LeadClass();

    [GeneratedRegex(@"related|teaser-?list|comment|sidebar|widget|promo|newsletter|author|byline|meta", RegexOptions.IgnoreCase)]
    private static partial Regex NotLead();
}
