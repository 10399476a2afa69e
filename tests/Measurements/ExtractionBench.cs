using System.Diagnostics;
using System.Globalization;
using MediaMonitor.Crawler.Extraction;

namespace MediaMonitor.Measurements;

/// <summary>bench extraction [DIR] [PASSES]: extraction speed on one thread over the readability test pages.</summary>
public sealed class ExtractionBench : IMeasurement
{
    public string Verb => "bench";

    public string Kind => "extraction";

    public Task<int> RunAsync(string[] args)
    {
        var dir = args.Length > 0 ? args[0] : Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "..", "shared", "data", "readability-test-pages", "pages");
        if (!Directory.Exists(dir))
        {
            Console.Error.WriteLine($"usage: bench extraction [DIR] [PASSES]; {dir} not found");
            return Task.FromResult(2);
        }

        var passes = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 3;
        var pages = Directory.GetDirectories(dir).Select(d => Path.Combine(d, "source.html")).Where(File.Exists).Select(File.ReadAllText).ToList();
        var uri = new Uri("http://fakehost/test/page.html");
        foreach (var page in pages)
        {
            Extract(page, uri);
        }

        var bytes = pages.Sum(p => (long)p.Length);
        var watch = Stopwatch.StartNew();
        for (var pass = 0; pass < passes; pass++)
        {
            foreach (var page in pages)
            {
                Extract(page, uri);
            }
        }

        watch.Stop();
        var perSecond = pages.Count * passes / watch.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{pages.Count} pages ({bytes / 1024} KB of HTML) x {passes} passes in {watch.Elapsed.TotalSeconds:0.00}s on one thread"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"extraction-bench: pages={pages.Count} pages_per_s={perSecond:0}"));
        return Task.FromResult(0);
    }

    private static void Extract(string html, Uri uri)
    {
        try
        {
            ArticleExtractor.Extract(html, uri);
        }
        catch (PageRefusedException)
        {
            // Counted like any other page: refusing is the extractor's answer.
        }
    }
}
