using System.Diagnostics;
using System.Globalization;
using MediaMonitor.EntityTagging;
using MediaMonitor.EntityTagging.Recognition;

namespace MediaMonitor.Measurements;

/// <summary>
/// bench ner [DIR]: tags real news articles (default ../shared/data/news-corpus-bbc-greene) on one thread with the
/// service's full tagger (tokenise, recognise, link) and reports tokens per second, the managed memory that the
/// model and gazetteers hold once loaded, and what tagging allocates per article (the garbage the service's collector
/// sizes its heap for).
/// </summary>
public sealed class NerBenchmark : IMeasurement
{
    public string Verb => "bench";

    public string Kind => "ner";

    public Task<int> RunAsync(string[] args)
    {
        var corpus = args.FirstOrDefault() ?? Path.Combine(SharedDataRoot(), "news-corpus-bbc-greene");
        if (!Directory.Exists(corpus))
        {
            Console.Error.WriteLine($"bench ner: corpus folder {corpus} not found (pass a folder of .txt articles)");
            return Task.FromResult(2);
        }

        var before = GC.GetTotalMemory(forceFullCollection: true);
        var tagger = TaggerComposition.Create(EntityTagging.Gazetteers.GazetteerFiles.DefaultDirectory);
        var memoryMb = (GC.GetTotalMemory(forceFullCollection: true) - before) / (1024.0 * 1024.0);

        // The articles sit in one folder per section; files at the top (README, SOURCE) are not articles.
        var articles = Directory.EnumerateDirectories(corpus).SelectMany(d => Directory.EnumerateFiles(d, "*.txt", SearchOption.AllDirectories))
            .Order(StringComparer.Ordinal).Select(File.ReadAllText).ToList();
        var tokens = articles.Sum(a => NerTokenizer.Sentences(a).Sum(s => s.Count));

        // Warm up (JIT) on a few articles, then one timed pass over all of them on this thread.
        foreach (var article in articles.Take(20))
        {
            tagger.Tag("", article);
        }

        // On a shared machine wall time depends on the neighbours; the process's CPU time is what one core spent.
        var entities = 0L;
        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        foreach (var article in articles)
        {
            entities += tagger.Tag("", article).Count;
        }

        clock.Stop();
        var allocatedKb = (GC.GetAllocatedBytesForCurrentThread() - allocatedBefore) / 1024.0 / articles.Count;
        process.Refresh();
        var cpu = (process.TotalProcessorTime - cpuBefore).TotalSeconds;
        var perSecond = tokens / cpu;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"articles={articles.Count} tokens={tokens} entities={entities} cpu_seconds={cpu:0.00} wall_seconds={clock.Elapsed.TotalSeconds:0.00} " +
            $"wall_tokens_per_s={tokens / clock.Elapsed.TotalSeconds:0} tagger={tagger.Version}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"ner-bench: tokens_per_s={perSecond:0} memory_mb={memoryMb:0} allocated_kb_per_article={allocatedKb:0}"));
        return Task.FromResult(0);
    }

    private static string SharedDataRoot()
    {
        var env = Environment.GetEnvironmentVariable("MM_SHARED_DATA");
        if (!string.IsNullOrEmpty(env))
        {
            return env;
        }

        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "MediaMonitor.sln")))
        {
            dir = dir.Parent;
        }

        return Path.Combine(dir?.FullName ?? ".", "..", "shared", "data");
    }
}
