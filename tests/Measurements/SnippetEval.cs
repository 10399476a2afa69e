using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using MediaMonitor.Crawler.Extraction;

namespace MediaMonitor.Measurements;

/// <summary>
/// eval extraction DIR on a set in trafilatura's evaluation format (DIR/evaldata.json naming each page's file under
/// DIR/cache or DIR/eval, gzip-compressed or not, with snippets that must and must not appear in the main text). Scored
/// by the upstream metric: whitespace normalised, per page TP = "with" snippets found, FN = missing, FP = "without"
/// snippets found, TN = absent; precision, recall, F1 and accuracy over the corpus. SmartReader runs in the same pass.
/// The set is split in two fixed halves by the SHA-256 of the file name (<see cref="HalfOf"/>): tune on "dev", report
/// "heldout" separately.
/// </summary>
internal static partial class SnippetEval
{
    public const string Manifest = "evaldata.json";

    public static async Task<int> RunAsync(string dir, string split, string? outDir, bool withBaseline, bool verbose)
    {
        if (split is not ("all" or "dev" or "heldout"))
        {
            Console.Error.WriteLine("--split must be all, dev or heldout");
            return 2;
        }

        using var manifest = JsonDocument.Parse(await File.ReadAllBytesAsync(Path.Combine(dir, Manifest)));
        var pages = manifest.RootElement.EnumerateObject().Select(Page.From).OrderBy(p => p.Url, StringComparer.Ordinal).ToList();
        var ours = new Dictionary<string, SnippetCounts> { ["dev"] = default, ["heldout"] = default };
        var theirs = new Dictionary<string, SnippetCounts> { ["dev"] = default, ["heldout"] = default };
        var titles = new Dictionary<string, (int Gold, int Ours, int Theirs)> { ["dev"] = default, ["heldout"] = default };
        var (missingFiles, failures) = (0, 0);
        foreach (var page in pages)
        {
            var half = HalfOf(page.File);
            if (split != "all" && half != split)
            {
                continue;
            }

            var path = Locate(dir, page.File);
            if (path is null)
            {
                missingFiles++;
                Console.WriteLine($"{page.File}: file not found under cache/ or eval/ (counted as a page with no text)");
            }

            var html = path is null ? string.Empty : HtmlText.Decode(await CapturedPageFile.ReadBytesAsync(path), null);
            var uri = Uri.TryCreate(page.Url, UriKind.Absolute, out var u) ? u : new Uri("http://fakehost/page.html");
            string text = string.Empty, title = string.Empty;
            try
            {
                var article = ArticleExtractor.Extract(html, uri);
                (text, title) = (article.Text, article.Title ?? string.Empty);
            }
            catch (PageRefusedException ex)
            {
                Console.WriteLine($"{page.File}: refused ({ex.Message})");
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                failures++;
                Console.WriteLine($"{page.File}: extractor failed: {ex.GetType().Name}: {ex.Message}");
            }

            var counts = SnippetCounts.Of(page.With, page.Without, text);
            ours[half] += counts;
            var t = titles[half];
            if (page.Title is { Length: > 0 } goldTitle)
            {
                t.Gold++;
                t.Ours += SameText(goldTitle, title) ? 1 : 0;
            }

            if (withBaseline)
            {
                var (baseText, baseTitle) = ExtractionEval.SmartReaderText(html, uri);
                theirs[half] += SnippetCounts.Of(page.With, page.Without, baseText);
                t.Theirs += page.Title is { Length: > 0 } && SameText(page.Title, baseTitle) ? 1 : 0;
            }

            titles[half] = t;
            if (verbose && half == "dev" && page.Title is { Length: > 0 } shownTitle && !SameText(shownTitle, title))
            {
                Console.WriteLine($"{page.File}: title [gold: {shownTitle}] [ours: {title}]");
            }

            if (outDir is not null)
            {
                await File.WriteAllTextAsync(Path.Combine(outDir, page.File + ".txt"), text);
            }

            // Page-level detail only where tuning is allowed to look.
            if (verbose && half == "dev" && (counts.FalseNegatives > 0 || counts.FalsePositives > 0))
            {
                var norm = SnippetCounts.Norm(text);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{page.File}: tp={counts.TruePositives} fn={counts.FalseNegatives} fp={counts.FalsePositives} chars={text.Length}")
                    + string.Concat(page.With.Where(w => !norm.Contains(SnippetCounts.Norm(w), StringComparison.Ordinal)).Select(w => $" [missing: {Short(w)}]"))
                    + string.Concat(page.Without.Where(w => norm.Contains(SnippetCounts.Norm(w), StringComparison.Ordinal)).Select(w => $" [unwanted: {Short(w)}]")));
            }
        }

        var halves = split == "all" ? new[] { "dev", "heldout" } : [split];
        foreach (var half in halves)
        {
            var cases = pages.Count(p => HalfOf(p.File) == half);
            if (withBaseline)
            {
                Console.WriteLine($"smartreader-baseline extraction-{half}: " + Figures(cases, theirs[half], titles[half].Theirs, titles[half].Gold));
            }

            Console.WriteLine($"extraction-{half}: " + Figures(cases, ours[half], titles[half].Ours, titles[half].Gold));
        }

        var all = halves.Aggregate(default(SnippetCounts), (sum, h) => sum + ours[h]);
        var allBase = halves.Aggregate(default(SnippetCounts), (sum, h) => sum + theirs[h]);
        var goldTitles = halves.Sum(h => titles[h].Gold);
        var count = pages.Count(p => halves.Contains(HalfOf(p.File)));
        Console.WriteLine($"extraction-set: {Path.GetFullPath(dir)} format=trafilatura-snippets split={split} pages={count} missing_files={missingFiles} extractor_failures={failures}");
        if (withBaseline)
        {
            Console.WriteLine("smartreader-baseline extraction: " + Figures(count, allBase, halves.Sum(h => titles[h].Theirs), goldTitles));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"extraction: cases={count} precision={all.Precision:0.000} recall={all.Recall:0.000} f1={all.F1:0.000} title={Ratio(halves.Sum(h => titles[h].Ours), goldTitles):0.000}"));
        return 0;
    }

    /// <summary>"dev" or "heldout": the low bit of the first byte of the SHA-256 of the page's file name.</summary>
    public static string HalfOf(string file) => (SHA256.HashData(Encoding.UTF8.GetBytes(file))[0] & 1) == 0 ? "dev" : "heldout";

    private static string Figures(int cases, SnippetCounts c, int titles, int goldTitles) => string.Create(CultureInfo.InvariantCulture,
        $"cases={cases} precision={c.Precision:0.000} recall={c.Recall:0.000} f1={c.F1:0.000} accuracy={c.Accuracy:0.000} title={Ratio(titles, goldTitles):0.000} (tp={c.TruePositives} fn={c.FalseNegatives} fp={c.FalsePositives} tn={c.TrueNegatives})");

    private static double Ratio(int part, int whole) => whole == 0 ? 0 : (double)part / whole;

    // Titles (our own addition to the upstream metric) are compared as read: a soft hyphen or zero-width space in the
    // gold title is not a difference.
    private static bool SameText(string expected, string actual) =>
        string.Equals(Visible(System.Net.WebUtility.HtmlDecode(expected)), Visible(actual), StringComparison.OrdinalIgnoreCase);

    private static string Visible(string s) => SnippetCounts.Norm(Invisible().Replace(s, string.Empty));

    [GeneratedRegex("[\u00AD\u200B\u2060\uFEFF]")]
    private static partial Regex Invisible();

    private static string Short(string s) => s.Length <= 60 ? s : s[..60] + "...";

    private static string? Locate(string dir, string file) =>
        new[] { "cache", "eval" }.SelectMany(sub => new[] { Path.Combine(dir, sub, file + ".gz"), Path.Combine(dir, sub, file) }).FirstOrDefault(File.Exists);

    private sealed record Page(string Url, string File, string[] With, string[] Without, string? Title)
    {
        public static Page From(JsonProperty entry)
        {
            var v = entry.Value;
            string[] List(string name) => v.TryGetProperty(name, out var a) && a.ValueKind == JsonValueKind.Array
                ? a.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()!).ToArray()
                : [];
            string? Text(string name) => v.TryGetProperty(name, out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null;
            return new Page(entry.Name, Text("file") ?? throw new InvalidDataException($"{entry.Name}: no 'file'"), List("with"), List("without"), Text("title"));
        }
    }
}

/// <summary>Trafilatura's per-page confusion counts of snippets, added up over a corpus.</summary>
internal readonly partial record struct SnippetCounts(int TruePositives, int FalseNegatives, int FalsePositives, int TrueNegatives)
{
    public double Precision => TruePositives + FalsePositives == 0 ? 0 : (double)TruePositives / (TruePositives + FalsePositives);

    public double Recall => TruePositives + FalseNegatives == 0 ? 0 : (double)TruePositives / (TruePositives + FalseNegatives);

    public double F1 => (2 * TruePositives) + FalsePositives + FalseNegatives == 0 ? 0 : 2.0 * TruePositives / ((2 * TruePositives) + FalsePositives + FalseNegatives);

    public double Accuracy => TruePositives + FalseNegatives + FalsePositives + TrueNegatives == 0 ? 0
        : (double)(TruePositives + TrueNegatives) / (TruePositives + FalseNegatives + FalsePositives + TrueNegatives);

    public static SnippetCounts operator +(SnippetCounts a, SnippetCounts b) => new(a.TruePositives + b.TruePositives,
        a.FalseNegatives + b.FalseNegatives, a.FalsePositives + b.FalsePositives, a.TrueNegatives + b.TrueNegatives);

    public static SnippetCounts Of(IReadOnlyCollection<string> with, IReadOnlyCollection<string> without, string text)
    {
        var normalised = Norm(text);
        var tp = with.Count(w => normalised.Contains(Norm(w), StringComparison.Ordinal));
        var fp = without.Count(w => normalised.Contains(Norm(w), StringComparison.Ordinal));
        return new SnippetCounts(tp, with.Count - tp, fp, without.Count - fp);
    }

    /// <summary>Python's re.sub(r"\s+", " ", s).strip().</summary>
    public static string Norm(string s) => Whitespace().Replace(s, " ").Trim();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
