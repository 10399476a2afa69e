using System.IO.Compression;
using System.Text.Json;
using MediaMonitor.Measurements;

namespace MediaMonitor.Crawler.Tests;

/// <summary>The extraction evaluation on a set in ScrapingHub's benchmark format, and that benchmark's 4-gram metric.</summary>
public sealed class ScrapingHubEvalTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "mm-scrapinghub-" + Guid.NewGuid().ToString("N"));

    private static string Sentence(int i) =>
        $"Paragraph {i}: the harbour authority reopened lock gate number {i} on Tuesday, after divers had replaced the seals that failed in the spring storms.";

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    [Fact]
    public void Shingles_are_four_word_windows_counted_per_page_and_normalised()
    {
        var overlap = ShingleOverlap.Of("one two three four five six", "one two three four five");

        // Extracted: 1234 2345 3456; gold: 1234 2345. TP 2, FP 1, FN 0, divided by 3.
        Assert.Equal(2.0 / 3, overlap.TruePositives, 9);
        Assert.Equal(1.0 / 3, overlap.FalsePositives, 9);
        Assert.Equal(0, overlap.FalseNegatives, 9);
        Assert.Equal(2.0 / 3, overlap.Precision!.Value, 9);
        Assert.Equal(1, overlap.Recall!.Value, 9);
    }

    [Fact]
    public void Shingle_tokens_are_unicode_words_with_case_kept_and_punctuation_dropped()
    {
        Assert.Equal(["Grüße", "aus", "Köln", "2026", "snake_case"], ShingleOverlap.Tokens("Grüße aus Köln—2026! (snake_case)"));
        Assert.Equal(1, ShingleOverlap.Of("Hello, world.", "Hello world").Precision);
        Assert.Equal(0, ShingleOverlap.Of("hello world", "Hello world").Precision);
    }

    [Fact]
    public void Corpus_precision_skips_pages_with_nothing_extracted_and_recall_counts_them_as_zero()
    {
        var perfect = ShingleOverlap.Of("one two three four five", "one two three four five");
        var nothing = ShingleOverlap.Of(string.Empty, "one two three four five");

        var (precision, recall, f1) = ShingleOverlap.Corpus([perfect, nothing]);

        Assert.Null(nothing.Precision);
        Assert.Equal(1, precision, 9);
        Assert.Equal(0.5, recall, 9);
        Assert.Equal(2 * 0.5 / 1.5, f1, 9);
    }

    [Fact]
    public async Task A_set_in_the_benchmark_format_is_detected_and_scored_page_by_page()
    {
        var paragraphs = Enumerable.Range(1, 6).Select(Sentence).ToList();
        var page = $"""
            <html><head><title>Lock gates reopen</title></head><body>
              <nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
              <article><h1>Lock gates reopen</h1>{string.Concat(paragraphs.Select(p => $"<p>{p}</p>"))}</article>
              <footer><p>Copyright Harbour Weekly. All rights reserved. Terms of use and privacy policy apply to this site.</p></footer>
            </body></html>
            """;
        Directory.CreateDirectory(Path.Combine(_dir, "html"));
        await using (var gz = new GZipStream(File.Create(Path.Combine(_dir, "html", "gzipped.html.gz")), CompressionLevel.Fastest))
        {
            await gz.WriteAsync(Encoding.UTF8.GetBytes(page));
        }

        await File.WriteAllTextAsync(Path.Combine(_dir, "html", "plain.html"), page);
        var gold = new Dictionary<string, object>
        {
            ["gzipped"] = new { articleBody = string.Join("\n", paragraphs), url = "https://harbour.example/news/lock-gates", headline = "Lock gates reopen" },
            ["plain"] = new { articleBody = string.Join("\n", paragraphs.Take(3)) },
            ["absent"] = new { articleBody = "A page whose HTML file is missing from the folder." },
        };
        await File.WriteAllTextAsync(Path.Combine(_dir, ScrapingHubEval.GroundTruth), JsonSerializer.Serialize(gold));
        var outDir = Path.Combine(_dir, "out");
        Directory.CreateDirectory(outDir);
        var output = new StringWriter();

        var exit = await ScrapingHubEval.RunAsync(_dir, outDir, baseline: null, output);

        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.True(ScrapingHubEval.IsSet(_dir));
        Assert.Equal(0, exit);
        Assert.StartsWith("gzipped: precision=1.000 recall=1.000", lines.Single(l => l.StartsWith("gzipped:", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.StartsWith("plain: precision=0.489 recall=1.000", lines.Single(l => l.StartsWith("plain:", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.Contains(lines, l => l.StartsWith("absent: no html/absent.html(.gz)", StringComparison.Ordinal));
        Assert.Contains("format=scrapinghub metric=4-gram-shingles pages=3 missing_files=1 extractor_failures=0", output.ToString(), StringComparison.Ordinal);

        // 24 words a paragraph. Precision: 1 (gzipped); plain: the gold's 72 - 3 shingles of the 144 - 3 extracted; the
        // absent page extracted nothing, so it has none. Recall: 1, 1, 0.
        var precision = (1 + (69.0 / 141)) / 2;
        var recall = 2.0 / 3;
        var expected = FormattableString.Invariant($"extraction: cases=3 precision={precision:0.000} recall={recall:0.000} f1={2 * precision * recall / (precision + recall):0.000} title=1.000");
        Assert.Equal(expected, lines[^1]);
        using var prediction = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(outDir, "prediction.json")));
        Assert.Contains(Sentence(6), prediction.RootElement.GetProperty("gzipped").GetProperty("articleBody").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_ground_truth_file_that_is_not_an_object_of_pages_is_refused_with_the_reason()
    {
        Directory.CreateDirectory(Path.Combine(_dir, "html"));
        await File.WriteAllTextAsync(Path.Combine(_dir, ScrapingHubEval.GroundTruth), "[1, 2, 3]");
        var output = new StringWriter();

        var exit = await ScrapingHubEval.RunAsync(_dir, outDir: null, baseline: null, output);

        Assert.Equal(2, exit);
        Assert.Contains("not in the benchmark's format", output.ToString(), StringComparison.Ordinal);
    }
}
