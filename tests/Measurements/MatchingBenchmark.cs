using System.Diagnostics;
using System.Globalization;
using MediaMonitor.Alerting.Matching;
using MediaMonitor.Alerting.Workload;
using MediaMonitor.Text.Querying;

namespace MediaMonitor.Measurements;

/// <summary>
/// bench matching: 100,000 generated subscriptions of every shape matched against the BBC corpus on one core, through
/// the stored-query index and, as the baseline, by evaluating every subscription. Both rates include preparing each
/// article (tokenizing title and text) and are per CPU-second of this single-threaded process pinned to one core, so
/// other load on a shared machine does not distort them (wall-clock figures are printed too).
/// Arguments: [subscriptions] [naive-articles].
/// </summary>
public sealed class MatchingBenchmark : IMeasurement
{
    public string Verb => "bench";

    public string Kind => "matching";

    public Task<int> RunAsync(string[] args)
    {
        var subscriptions = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100_000;
        var naiveArticles = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 60;
        var folder = Path.Combine(DataRoot(), "news-corpus-bbc-greene");
        if (!Directory.Exists(folder))
        {
            Console.Error.WriteLine($"The corpus is not at {folder}; set MM_SHARED_DATA to the shared data folder.");
            return Task.FromResult(1);
        }

        PinToOneCore();
        var corpus = NewsCorpus.Load(folder);
        var generator = new SubscriptionGenerator(corpus, seed: 7);
        var build = Stopwatch.StartNew();
        var queries = Enumerable.Range(0, subscriptions).Select(i => QueryParser.Parse(generator.Next(i)).Query!).ToArray();
        var index = new SubscriptionIndex<int>([.. Enumerable.Range(0, queries.Length)], i => queries[i]);
        Console.WriteLine($"corpus: {corpus.Count} BBC articles; {queries.Length} subscriptions of {SubscriptionGenerator.Shapes} shapes parsed and indexed in {build.Elapsed.TotalSeconds:0.0} s");

        foreach (var article in corpus.Take(100))
        {
            index.Match(article.ToDocument());
        }

        // Where the time goes, per article: preparing the document, finding candidates, evaluating them.
        var prepare = Measure(corpus, a => a.ToDocument());
        var documents = corpus.Select(a => a.ToDocument()).ToList();
        var candidateCount = 0L;
        var presearch = Measure(documents, d => candidateCount += index.Candidates(d).Count);
        var matchCount = 0L;
        var indexed = Measure(corpus, a => matchCount += index.Match(a.ToDocument()).Count);

        if (Environment.GetEnvironmentVariable("MM_BENCH_SHAPES") == "1")
        {
            var perShape = new double[SubscriptionGenerator.Shapes];
            var perShapeCount = new long[SubscriptionGenerator.Shapes];
            foreach (var d in documents.Take(300))
            {
                foreach (var i in index.Candidates(d))
                {
                    var t = Stopwatch.GetTimestamp();
                    queries[i].Matches(d);
                    perShape[i % SubscriptionGenerator.Shapes] += Stopwatch.GetElapsedTime(t).TotalMicroseconds;
                    perShapeCount[i % SubscriptionGenerator.Shapes]++;
                }
            }

            for (var k = 0; k < perShape.Length; k++)
            {
                Console.WriteLine($"shape {k}: {perShapeCount[k] / 300.0:0} candidates per article, {perShape[k] / Math.Max(1, perShapeCount[k]):0.00} us each, {perShape[k] / 300:0} us per article");
            }
        }

        var sample = corpus.Where((_, i) => i % Math.Max(1, corpus.Count / naiveArticles) == 0).Take(naiveArticles).ToList();
        var naiveMatches = new List<List<int>>();
        var naive = Measure(sample, a =>
        {
            var document = a.ToDocument();
            var found = new List<int>();
            for (var i = 0; i < queries.Length; i++)
            {
                if (queries[i].Matches(document))
                {
                    found.Add(i);
                }
            }

            naiveMatches.Add(found);
        });
        var disagreements = sample.Where((a, k) => !index.Match(a.ToDocument()).SequenceEqual(naiveMatches[k])).Count();

        Console.WriteLine($"prepare document: {prepare.CpuMicrosecondsPerItem:0} us; find candidates: {presearch.CpuMicrosecondsPerItem:0} us " +
            $"({(double)candidateCount / corpus.Count:0} candidates of {queries.Length}); matches per article {(double)matchCount / corpus.Count:0.0}");
        Console.WriteLine($"indexed: {corpus.Count} articles, {indexed.CpuSeconds:0.00} CPU s ({indexed.WallSeconds:0.00} s wall)");
        Console.WriteLine($"naive: {sample.Count} articles, {naive.CpuSeconds:0.00} CPU s ({naive.WallSeconds:0.00} s wall); results differing from the index: {disagreements}");
        var rate = corpus.Count / indexed.CpuSeconds;
        var naiveRate = sample.Count / naive.CpuSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"matching: subscriptions={queries.Length} articles_per_s={rate:0} naive_articles_per_s={naiveRate:0.0} speedup={rate / naiveRate:0}"));
        return Task.FromResult(disagreements == 0 ? 0 : 1);
    }

    private static Timing Measure<T>(IReadOnlyList<T> items, Action<T> work)
    {
        GC.Collect();
        var process = Process.GetCurrentProcess();
        process.Refresh();
        var cpu = process.TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        foreach (var item in items)
        {
            work(item);
        }

        wall.Stop();
        process.Refresh();
        var cpuSeconds = (process.TotalProcessorTime - cpu).TotalSeconds;
        return new Timing(cpuSeconds, wall.Elapsed.TotalSeconds, cpuSeconds * 1e6 / items.Count);
    }

    private sealed record Timing(double CpuSeconds, double WallSeconds, double CpuMicrosecondsPerItem);

    private static string DataRoot()
    {
        var fromEnv = Environment.GetEnvironmentVariable("MM_SHARED_DATA");
        if (!string.IsNullOrEmpty(fromEnv))
        {
            return fromEnv;
        }

        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "MediaMonitor.sln")))
        {
            dir = dir.Parent;
        }

        return Path.GetFullPath(Path.Combine(dir?.FullName ?? ".", "..", "shared", "data"));
    }

    /// <summary>One core, as the issue asks: the process may run only on the first CPU.</summary>
    private static void PinToOneCore()
    {
        if (OperatingSystem.IsLinux() || OperatingSystem.IsWindows())
        {
            Process.GetCurrentProcess().ProcessorAffinity = 1;
            Console.WriteLine("pinned to one core (processor affinity 1); rates are per CPU-second of this process");
        }
    }
}
