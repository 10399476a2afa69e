using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using MediaMonitor.Crawler.Extraction;

namespace MediaMonitor.Measurements;

/// <summary>
/// eval extraction DIR on a set in ScrapingHub's article-extraction-benchmark format, detected by DIR/ground-truth.json
/// beside DIR/html: ground-truth.json is {id: {articleBody, url?, headline?, ...}}, the page of each id is
/// DIR/html/&lt;id&gt;.html.gz or DIR/html/&lt;id&gt;.html (bytes decoded as the Crawler decodes them). Scored by the
/// benchmark's 4-gram shingle metric (<see cref="ShingleOverlap"/>); the baseline runs in the same pass. With --out,
/// OUTDIR gets each page's text and prediction.json in the benchmark's output format ({id: {articleBody, headline}}),
/// which the benchmark's own evaluate.py reads.
/// </summary>
public static class ScrapingHubEval
{
    public const string GroundTruth = "ground-truth.json";

    private static readonly JsonSerializerOptions OutputJson = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static bool IsSet(string dir) => File.Exists(Path.Combine(dir, GroundTruth)) && Directory.Exists(Path.Combine(dir, "html"));

    /// <summary>Runs the set; baseline (html, uri) -> (text, title) is the comparison extractor, or null for none.</summary>
    public static async Task<int> RunAsync(string dir, string? outDir, Func<string, Uri, (string Text, string Title)>? baseline, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        List<GoldPage> gold;
        try
        {
            gold = await ReadGoldAsync(Path.Combine(dir, GroundTruth));
        }
        catch (Exception ex) when (ex is JsonException or InvalidDataException)
        {
            await output.WriteLineAsync($"{GroundTruth}: not in the benchmark's format ({ex.Message})");
            return 2;
        }

        var ours = new List<ShingleOverlap>();
        var theirs = new List<ShingleOverlap>();
        var predictions = new SortedDictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        int missing = 0, failures = 0, titles = 0, titlesRight = 0, theirTitlesRight = 0;
        foreach (var page in gold)
        {
            var path = new[] { page.Id + ".html.gz", page.Id + ".html" }.Select(f => Path.Combine(dir, "html", f)).FirstOrDefault(File.Exists);
            if (path is null)
            {
                missing++;
                await output.WriteLineAsync($"{page.Id}: no html/{page.Id}.html(.gz) (counted as a page with no text)");
            }

            var html = path is null ? string.Empty : HtmlText.Decode(await CapturedPageFile.ReadBytesAsync(path), null);
            var uri = Uri.TryCreate(page.Url, UriKind.Absolute, out var u) && u.Scheme is "http" or "https" ? u : new Uri($"http://fakehost/{Uri.EscapeDataString(page.Id)}.html");
            string text = string.Empty, title = string.Empty;
            try
            {
                var article = ArticleExtractor.Extract(html, uri);
                (text, title) = (article.Text, article.Title ?? string.Empty);
            }
            catch (PageRefusedException ex)
            {
                await output.WriteLineAsync($"{page.Id}: refused ({ex.Message})");
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                failures++;
                await output.WriteLineAsync($"{page.Id}: extractor failed: {ex.GetType().Name}: {ex.Message}");
            }

            var score = ShingleOverlap.Of(text, page.Body);
            ours.Add(score);
            predictions[page.Id] = new Dictionary<string, string> { ["articleBody"] = text, ["headline"] = title };
            if (page.Headline is { Length: > 0 } headline)
            {
                titles++;
                titlesRight += SameText(headline, title) ? 1 : 0;
            }

            if (baseline is not null)
            {
                var (baseText, baseTitle) = baseline(html, uri);
                theirs.Add(ShingleOverlap.Of(baseText, page.Body));
                theirTitlesRight += page.Headline is { Length: > 0 } && SameText(page.Headline, baseTitle) ? 1 : 0;
            }

            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{page.Id}: precision={Show(score.Precision)} recall={Show(score.Recall)} chars={text.Length} gold_chars={page.Body.Length}"));
            if (outDir is not null)
            {
                await File.WriteAllTextAsync(Path.Combine(outDir, SafeFileName(page.Id) + ".txt"), text);
            }
        }

        if (outDir is not null)
        {
            await File.WriteAllTextAsync(Path.Combine(outDir, "prediction.json"), JsonSerializer.Serialize(predictions, OutputJson));
        }

        await output.WriteLineAsync($"extraction-set: {Path.GetFullPath(dir)} format=scrapinghub metric=4-gram-shingles pages={gold.Count} missing_files={missing} extractor_failures={failures}");
        if (baseline is not null)
        {
            await output.WriteLineAsync($"smartreader-baseline extraction: {ShingleOverlap.Figures(theirs)} title={TitleFigure(theirTitlesRight, titles)}");
        }

        await output.WriteLineAsync($"extraction: {ShingleOverlap.Figures(ours)} title={TitleFigure(titlesRight, titles)}");
        return 0;
    }

    /// <summary>The gold in file order: id, articleBody (missing or null = empty), and url and headline when present.</summary>
    public static async Task<List<GoldPage>> ReadGoldAsync(string path)
    {
        using var json = JsonDocument.Parse(await File.ReadAllBytesAsync(path));
        if (json.RootElement.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidDataException("the top level is not an object of id -> {articleBody, ...}");
        }

        var pages = new List<GoldPage>();
        foreach (var entry in json.RootElement.EnumerateObject())
        {
            if (entry.Value.ValueKind != JsonValueKind.Object)
            {
                throw new InvalidDataException($"'{entry.Name}' is not an object");
            }

            string? Text(string name) => entry.Value.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            pages.Add(new GoldPage(entry.Name, Text("articleBody") ?? string.Empty, Text("url"), Text("headline")));
        }

        return pages;
    }

    private static string TitleFigure(int right, int gold) =>
        gold == 0 ? "n/a" : ((double)right / gold).ToString("0.000", CultureInfo.InvariantCulture);

    private static string Show(double? value) => value is { } v ? v.ToString("0.000", CultureInfo.InvariantCulture) : "n/a";

    private static bool SameText(string expected, string actual) =>
        string.Equals(string.Join(' ', expected.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)),
            string.Join(' ', actual.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)), StringComparison.OrdinalIgnoreCase);

    private static string SafeFileName(string id) => string.Concat(id.Select(c => Path.GetInvalidFileNameChars().Contains(c) ? '_' : c));

    public sealed record GoldPage(string Id, string Body, string? Url, string? Headline);
}
