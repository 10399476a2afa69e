using AngleSharp.Html.Parser;
using MediaMonitor.Text.Languages;

namespace MediaMonitor.Crawler.Extraction;

/// <summary>A page the extractor will not read; the message is the reason.</summary>
public sealed class PageRefusedException(string message) : Exception(message);

/// <summary>Reads an article page: its metadata first (before furniture is removed), then the main text.</summary>
public static class ArticleExtractor
{
    private const int MinimumArticleLength = 500;
    private const double ProseShare = 0.5;

    private static readonly HtmlParserOptions ParserOptions = new() { IsScripting = true, IsNotConsumingCharacterReferences = false };

    public static ExtractedArticle Extract(string html, Uri pageUri)
    {
        ArgumentNullException.ThrowIfNull(pageUri);
        var depth = MarkupDepth.Estimate(html ?? string.Empty);
        if (depth > MarkupDepth.Limit)
        {
            throw new PageRefusedException($"the page nests elements about {depth} levels deep (the limit is {MarkupDepth.Limit})");
        }

        var parser = new HtmlParser(ParserOptions);
        using var document = parser.ParseDocument(html ?? string.Empty);
        var jsonLd = JsonLdArticle.From(document);
        var title = PageTitle.Of(document, jsonLd, pageUri);
        var byline = PageMetadata.Byline(document, jsonLd);
        var published = PageMetadata.Published(document, jsonLd, pageUri);
        var modified = PageMetadata.Modified(document, jsonLd);
        var siteName = PageMetadata.SiteName(document, jsonLd);
        var image = PageMetadata.LeadImage(document, jsonLd, pageUri);
        var canonical = PageMetadata.Canonical(document, pageUri);
        var declaredLanguage = PageMetadata.DeclaredLanguage(document);
        var text = MainText(parser, document, html ?? string.Empty, title, byline);
        var language = LanguageDetector.Detect(title + "\n" + text) ?? declaredLanguage;
        return new ExtractedArticle(title, text, published, modified, siteName, byline, language, image, canonical);
    }

    /// <summary>Strict first; when that finds under 500 characters, retry on a fresh DOM with fewer rules and keep the longest.</summary>
    private static string MainText(HtmlParser parser, AngleSharp.Html.Dom.IHtmlDocument document, string html, string? title, string? byline)
    {
        var best = string.Empty;
        foreach (var pass in new[] { ExtractionPass.Strict, ExtractionPass.KeepUnlikelyClasses, ExtractionPass.Lenient })
        {
            using var fresh = pass == ExtractionPass.Strict ? null : parser.ParseDocument(html);
            var body = (fresh ?? document).Body;
            var text = body is null ? string.Empty : MainTextExtractor.Extract(body, title, pass, byline);
            if (text.Length > best.Length)
            {
                best = text;
            }

            if (best.Length >= MinimumArticleLength)
            {
                break;
            }
        }

        // A container holding much less prose than the page (an article split over several containers, a list of
        // names chosen over the letter they signed): the block-by-block reading is the better one.
        using var again = parser.ParseDocument(html);
        if (again.Body is { } whole)
        {
            MainTextExtractor.RemoveBoilerplate(whole, ExtractionPass.Strict);
            var (prose, good) = ProseBlocks.Extract(whole, byline);
            if (best.Length < ProseShare * good)
            {
                best = prose;
            }
        }

        return best;
    }
}
