using System.Globalization;
using System.Text.Json;
using AngleSharp.Html.Parser;
using MediaMonitor.Crawler.Extraction;
using MediaMonitor.Crawler.Feeds;
using MediaMonitor.Text.Languages;

namespace MediaMonitor.Measurements;

/// <summary>
/// eval extraction DIR [--out OUTDIR]: scores the Crawler's extractor, and a plain SmartReader baseline in the same
/// run, on cases laid out as DIR/&lt;case&gt;/{source.html, expected.html, expected-metadata.json}, or on a set in
/// trafilatura's snippet format (DIR/evaldata.json, detected; see <see cref="SnippetEval"/>).
/// </summary>
public sealed partial class ExtractionEval : IMeasurement
{
    private static readonly Uri PageUri = new("http://fakehost/test/page.html");

    public string Verb => "eval";

    public string Kind => "extraction";

    public async Task<int> RunAsync(string[] args)
    {
        if (args.Length < 1 || !Directory.Exists(args[0]))
        {
            Console.Error.WriteLine("usage: eval extraction DIR [--out OUTDIR] [--no-baseline] [--split all|dev|heldout] [--verbose]");
            return 2;
        }

        var outIndex = Array.IndexOf(args, "--out");
        var withBaseline = !args.Contains("--no-baseline");
        var outDir = outIndex >= 0 && outIndex + 1 < args.Length ? args[outIndex + 1] : null;
        if (outDir is not null)
        {
            Directory.CreateDirectory(outDir);
        }

        if (File.Exists(Path.Combine(args[0], SnippetEval.Manifest)))
        {
            var splitIndex = Array.IndexOf(args, "--split");
            var split = splitIndex >= 0 && splitIndex + 1 < args.Length ? args[splitIndex + 1] : "all";
            return await SnippetEval.RunAsync(args[0], split, outDir, withBaseline, args.Contains("--verbose"));
        }

        if (ScrapingHubEval.IsSet(args[0]))
        {
            return await ScrapingHubEval.RunAsync(args[0], outDir, withBaseline ? SmartReaderText : null, Console.Out);
        }

        var cases = Directory.GetDirectories(args[0]).Where(d => File.Exists(Path.Combine(d, "source.html"))).Order(StringComparer.Ordinal).ToList();
        var ours = new List<CaseScore>();
        var baseline = new List<CaseScore>();
        var oursShingles = new List<ShingleOverlap>();
        var baselineShingles = new List<ShingleOverlap>();
        var parser = new HtmlParser();
        var languages = new List<(string Name, string Declared, string? Detected)>();
        foreach (var dir in cases)
        {
            var name = Path.GetFileName(dir);
            var source = await File.ReadAllTextAsync(Path.Combine(dir, "source.html"));
            using var expected = File.Exists(Path.Combine(dir, "expected.html"))
                ? parser.ParseDocument(await File.ReadAllTextAsync(Path.Combine(dir, "expected.html")))
                : null;
            var goldText = expected?.Body?.TextContent ?? string.Empty;

            // Paragraphs kept apart, so words either side of a block boundary do not run together into one token.
            var goldParagraphs = expected?.Body is { } expectedBody ? string.Join("\n\n", MainTextExtractor.Render(expectedBody)) : string.Empty;
            var gold = ReadGold(Path.Combine(dir, "expected-metadata.json"));

            ExtractedArticle? article = null;
            try
            {
                article = ArticleExtractor.Extract(source, PageUri);
            }
            catch (PageRefusedException ex)
            {
                Console.WriteLine($"{name}: refused ({ex.Message})");
            }

            var text = article?.Text ?? string.Empty;
            if (outDir is not null)
            {
                await File.WriteAllTextAsync(Path.Combine(outDir, name + ".txt"), text);
            }

            var score = Score(gold, goldText, text, article?.Title, article?.Byline, article?.PublishedAt);
            if (gold.Lang is { Length: > 0 } declared)
            {
                // The detector alone, not the extractor's fallback to the declared language.
                languages.Add((name, declared.Split('-')[0].ToLowerInvariant(), LanguageDetector.Detect(article?.Title + "\n" + text)));
            }

            ours.Add(score);
            var shingles = ShingleOverlap.Of(text, goldParagraphs);
            oursShingles.Add(shingles);
            if (withBaseline)
            {
                var (baseScore, baseText) = SmartReaderScore(source, gold, goldText);
                baseline.Add(baseScore);
                baselineShingles.Add(ShingleOverlap.Of(baseText, goldParagraphs));
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{name}: precision={score.Overlap.Precision:0.000} recall={score.Overlap.Recall:0.000} f1={score.Overlap.F1:0.000} shingle_precision={shingles.Precision ?? 0:0.000} shingle_recall={shingles.Recall ?? 0:0.000} title={Flag(score.Title)} byline={Flag(score.Byline)} published={Flag(score.Published)}")
                + (score.Byline ? string.Empty : $" [byline: '{article?.Byline}']")
                + (score.Title ? string.Empty : $" [title: '{article?.Title}' expected '{gold.Title}']"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"extraction metadata: byline={Mean(ours, s => s.Byline ? 1 : 0):0.000} published={Mean(ours, s => s.Published ? 1 : 0):0.000} title_up_to_site_segment={Mean(ours, s => s.TitleUpToSite ? 1 : 0):0.000} (smartreader byline={Mean(baseline, s => s.Byline ? 1 : 0):0.000} published={Mean(baseline, s => s.Published ? 1 : 0):0.000} title_up_to_site_segment={Mean(baseline, s => s.TitleUpToSite ? 1 : 0):0.000})"));
        foreach (var miss in languages.Where(l => l.Detected != l.Declared))
        {
            Console.WriteLine($"{miss.Name}: language detected={miss.Detected ?? "none"} declared={miss.Declared}");
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"extraction language: declared={languages.Count} match={Mean(languages, l => l.Detected == l.Declared ? 1 : 0):0.000} undetected={languages.Count(l => l.Detected is null)} languages={string.Join(',', languages.Select(l => l.Declared).Distinct().Order(StringComparer.Ordinal))}"));
        if (withBaseline)
        {
            Console.WriteLine("smartreader-baseline extraction-4gram: " + ShingleOverlap.Figures(baselineShingles));
        }

        Console.WriteLine("extraction-4gram: " + ShingleOverlap.Figures(oursShingles));
        if (withBaseline)
        {
            Console.WriteLine("smartreader-baseline " + Summary(baseline));
        }

        Console.WriteLine(Summary(ours));
        return 0;
    }

    /// <summary>SmartReader's main text and title, or empty ones when it throws: the baseline of every extraction format.</summary>
    internal static (string Text, string Title) SmartReaderText(string html, Uri uri)
    {
        try
        {
            var article = new SmartReader.Reader(uri.AbsoluteUri, html).GetArticle();
            return (article.TextContent ?? string.Empty, article.Title ?? string.Empty);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return (string.Empty, string.Empty);
        }
    }

    private static (CaseScore Score, string Text) SmartReaderScore(string source, Gold gold, string goldText)
    {
        try
        {
            var article = new SmartReader.Reader(PageUri.AbsoluteUri, source).GetArticle();
            var text = article.TextContent ?? string.Empty;
            return (Score(gold, goldText, text, article.Title, article.Author, article.PublicationDate is { } d ? new DateTimeOffset(d, TimeSpan.Zero) : null), text);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return (Score(gold, goldText, string.Empty, null, null, null), string.Empty);
        }
    }

    private static CaseScore Score(Gold gold, string goldText, string text, string? title, string? byline, DateTimeOffset? published) => new(
        TokenOverlap.Of(text, goldText),
        Same(gold.Title, title),
        SameUpToSiteSegment(gold.Title, title),
        Same(WithoutByPrefix(gold.Byline), WithoutByPrefix(byline)),
        gold.PublishedTime is null ? published is null : FeedDates.TryParse(gold.PublishedTime) == published);

    /// <summary>"By Jane Marsh" and "Jane Marsh" name the same author; the prefix is presentation.</summary>
    private static string? WithoutByPrefix(string? byline) =>
        byline is null ? null : System.Text.RegularExpressions.Regex.Replace(byline.Trim(), @"^(?:by|par|por|von)\s+", string.Empty, System.Text.RegularExpressions.RegexOptions.IgnoreCase);

    /// <summary>
    /// The gold (Readability's output) keeps "Headline | Site" where a person would say "Headline", and drops it elsewhere:
    /// this also counts titles that differ from the gold only by separator-delimited segments at either end.
    /// </summary>
    private static bool SameUpToSiteSegment(string? expected, string? actual)
    {
        if (Same(expected, actual))
        {
            return true;
        }

        var (e, a) = (Norm(expected), Norm(actual));
        if (a.Length == 0 || e.Length == 0)
        {
            return false;
        }

        var (longer, shorter) = e.Length >= a.Length ? (e, a) : (a, e);
        return (longer.StartsWith(shorter, StringComparison.OrdinalIgnoreCase) && SegmentEdge().IsMatch(longer[shorter.Length..]))
            || (longer.EndsWith(shorter, StringComparison.OrdinalIgnoreCase) && SegmentEdge().IsMatch(new string(longer[..^shorter.Length].Reverse().ToArray())));
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^\s*[|\-–—·_:»\[(]")]
    private static partial System.Text.RegularExpressions.Regex SegmentEdge();

    private static bool Same(string? expected, string? actual) =>
        string.Equals(Norm(expected), Norm(actual), StringComparison.OrdinalIgnoreCase);

    private static string Norm(string? s) => s is null ? string.Empty : MainTextExtractorNormalize(System.Net.WebUtility.HtmlDecode(s));

    private static string MainTextExtractorNormalize(string s) => string.Join(' ', s.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static string Summary(List<CaseScore> scores) => string.Create(CultureInfo.InvariantCulture,
        $"extraction: cases={scores.Count} precision={Mean(scores, s => s.Overlap.Precision):0.000} recall={Mean(scores, s => s.Overlap.Recall):0.000} f1={Mean(scores, s => s.Overlap.F1):0.000} title={Mean(scores, s => s.Title ? 1 : 0):0.000}");

    private static double Mean<T>(List<T> scores, Func<T, double> value) => scores.Count == 0 ? 0 : scores.Average(value);

    private static string Flag(bool ok) => ok ? "yes" : "no";

    private static Gold ReadGold(string path)
    {
        if (!File.Exists(path))
        {
            return new Gold(null, null, null, null);
        }

        using var json = JsonDocument.Parse(File.ReadAllText(path));
        string? Get(string name) => json.RootElement.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        return new Gold(Get("title"), Get("byline"), Get("publishedTime"), Get("lang"));
    }

    private sealed record Gold(string? Title, string? Byline, string? PublishedTime, string? Lang);

    private sealed record CaseScore(TokenOverlap Overlap, bool Title, bool TitleUpToSite, bool Byline, bool Published);
}
