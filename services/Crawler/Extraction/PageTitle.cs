using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Dom;

namespace MediaMonitor.Crawler.Extraction;

/// <summary>
/// The article's title. Pages name it several times (JSON-LD headline, og:/twitter:/Dublin Core titles, the h1, the
/// &lt;title&gt; element) and not always alike: a social title or a JSON-LD headline can be a teaser, a category or a
/// longer search-engine title. The visible headline (an h1 of more than one word) that agrees with the &lt;title&gt;
/// element wins, then the first declared title that agrees with it, then a one-word h1 that does (a one-word h1 is
/// often the site's name); "Headline | Site" segments are cut off only
/// when they name the site (og:site_name, application-name, publisher, host) or when another segment is the page's h1.
/// With no agreement the first declared title is taken, then the &lt;title&gt; itself.
/// </summary>
internal static partial class PageTitle
{
    public static string? Of(IDocument document, JsonLdArticle? jsonLd, Uri pageUri)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(pageUri);
        var headings = document.QuerySelectorAll("h1").Where(h => !IsBanner(h)).Select(h => Clean(h.TextContent).TrimEnd('¶', '§', '#', ' ')).Where(t => t.Length > 0).Take(3).ToList();
        var siteNames = new[]
            {
                PageMetadata.Meta(document, "og:site_name"), PageMetadata.Meta(document, "application-name"), PageMetadata.Meta(document, "apple-mobile-web-app-title"),
                PageMetadata.Meta(document, "twitter:site")?.TrimStart('@'), jsonLd?.Publisher, pageUri.Host, HostLabel(pageUri.Host),
            }
            .Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => Fold(s!)).Where(s => s.Length >= 2).ToHashSet();
        string Strip(string title) => WithoutSiteName(title, siteNames, headings);

        var declared = new[]
            {
                jsonLd?.Headline, PageMetadata.Meta(document, "dc.title"), PageMetadata.Meta(document, "dcterms.title"), PageMetadata.Meta(document, "og:title"),
                PageMetadata.Meta(document, "twitter:title"), PageMetadata.Meta(document, "parsely-title"), PageMetadata.Meta(document, "sailthru.title"),
            }
            .Where(t => !string.IsNullOrWhiteSpace(t)).Select(t => Strip(Clean(t!))).Where(t => t.Length > 0).ToList();
        var element = string.IsNullOrWhiteSpace(document.Title) ? null : Clean(document.Title);
        if (element is not null)
        {
            var folded = Fold(element);
            var strippedHeadings = headings.Select(Strip).ToList();
            var agreeing = strippedHeadings.Where(IsHeadline).Concat(declared).Concat(strippedHeadings.Where(h => !IsHeadline(h))).FirstOrDefault(t => Fold(t) is { Length: >= 3 } f && folded.Contains(f, StringComparison.Ordinal));
            if (agreeing is not null)
            {
                return agreeing;
            }
        }

        return declared.FirstOrDefault() ?? (element is null ? null : Strip(element)) ?? headings.FirstOrDefault();
    }

    private static bool IsHeadline(string heading) => heading.AsSpan().Trim().ContainsAny(' ', '\u00A0');

    /// <summary>"Headline | Site", "Site - Headline", "Headline - Section - Site": drops the segments that name the site.</summary>
    internal static string WithoutSiteName(string title, IReadOnlySet<string> siteNames, IReadOnlyList<string> headings)
    {
        var parts = Separator().Split(title).Select(p => p.Trim()).Where(p => p.Length > 0).ToList();
        if (parts.Count < 2)
        {
            return title;
        }

        var heading = parts.FirstOrDefault(p => headings.Any(h => Fold(h) == Fold(p)));
        if (heading is not null)
        {
            return heading;
        }

        // Only from the ends: a site name in the middle of a headline is part of the headline.
        while (parts.Count > 1 && IsSite(parts[^1], siteNames))
        {
            parts.RemoveAt(parts.Count - 1);
        }

        while (parts.Count > 1 && IsSite(parts[0], siteNames))
        {
            parts.RemoveAt(0);
        }

        return parts.Count == Separator().Split(title).Length ? title : string.Join(" - ", parts);
    }

    /// <summary>A site's logo or name set as an h1: a logo class, or all its text a link to another page (home, blog index).</summary>
    private static bool IsBanner(IElement heading)
    {
        if ((heading.ClassName ?? string.Empty).Contains("logo", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var links = heading.QuerySelectorAll("a[href]").Where(a => !a.GetAttribute("href")!.StartsWith('#')).ToList();
        return links.Count > 0 && Fold(string.Concat(links.Select(a => a.TextContent))) == Fold(heading.TextContent);
    }

    private static bool IsSite(string segment, IReadOnlySet<string> siteNames)
    {
        var folded = Fold(segment);
        return folded.Length >= 2 && siteNames.Any(s => s == folded || (folded.Length <= s.Length + 4 && (folded.StartsWith(s, StringComparison.Ordinal) || s.StartsWith(folded, StringComparison.Ordinal))));
    }

    /// <summary>"www.news-site.co.uk" gives "news-site".</summary>
    private static string HostLabel(string host)
    {
        var labels = host.Split('.');
        var meaningful = labels.Where(l => l is not ("www" or "m" or "amp" or "com" or "co" or "org" or "net" or "news")).ToList();
        return meaningful.Count >= 2 ? meaningful[^2] : meaningful.FirstOrDefault() ?? host;
    }

    private static string Clean(string text) => MainTextExtractor.Normalize(System.Net.WebUtility.HtmlDecode(text));

    /// <summary>Lower case, no accents, letters and digits only: "Aktuálně.cz" and "aktualne.cz" fold alike.</summary>
    internal static string Fold(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            if (char.IsLetterOrDigit(c) && CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                builder.Append(char.ToLowerInvariant(c));
            }
        }

        return builder.ToString();
    }

    [GeneratedRegex(@"\s+[|\-–—»·:/]{1,2}\s+")]
    private static partial Regex Separator();
}
