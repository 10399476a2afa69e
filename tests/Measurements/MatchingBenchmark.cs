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
        // Each timing is the best of three passes: on a shared machine other load only ever slows a pass down.
        var prepare = Best(() => Measure(corpus, a => a.ToDocument()));
        var documents = corpus.Select(a => a.ToDocument()).ToList();
        var candidateCount = 0L;
        var presearch = Best(() => Measure(documents, d => candidateCount = index.Candidates(d).Count));
        candidateCount = documents.Sum(d => (long)index.Candidates(d).Count);
        var matchCount = documents.Sum(d => (long)index.Match(d).Count);
        var indexed = Best(() => Measure(corpus, a => index.Match(a.ToDocument())));

        if (Environment.GetEnvironmentVariable("MM_BENCH_PROFILE") == "1")
        {
            var subset = corpus.Take(400).ToList();
            var docs = subset.Select(a => a.ToDocument()).ToList();
            for (var pass = 0; pass < 4; pass++)
            {
                var words = Measure(subset, a => { var w = new MediaMonitor.Text.WordScanner(a.Title + a.Text); while (w.MoveNext()) { } });
                var noEntities = Measure(subset, a => MatchDocument.Create(a.Title, a.Text, a.Source, a.Language, null));
                var full = Measure(subset, a => a.ToDocument());
                var cands = Measure(docs, d => index.Candidates(d));
                var match = Measure(docs, d => index.Match(d));
                Console.WriteLine($"profile: scan {words.CpuMicrosecondsPerItem:0} us, create w/o entities {noEntities.CpuMicrosecondsPerItem:0} us, create {full.CpuMicrosecondsPerItem:0} us, candidates {cands.CpuMicrosecondsPerItem:0} us, match {match.CpuMicrosecondsPerItem:0} us");
            }
        }

        if (Environment.GetEnvironmentVariable("MM_BENCH_PROFILE") == "2")
        {
            // For a sampling profiler: nothing but matching for a while.
            var until = Stopwatch.StartNew();
            while (until.Elapsed.TotalSeconds < 15)
            {
                foreach (var a in corpus)
                {
                    index.Match(a.ToDocument());
                }
            }

            return Task.FromResult(0);
        }

        if (Environment.GetEnvironmentVariable("MM_BENCH_SHAPES") == "1")
        {
            var perShape = new double[SubscriptionGenerator.Shapes];
            var perShapeCount = new long[SubscriptionGenerator.Shapes];
            var perShapeMatches = new long[SubscriptionGenerator.Shapes];
            foreach (var d in documents.Take(300))
            {
                foreach (var i in index.Candidates(d))
                {
                    var t = Stopwatch.GetTimestamp();
                    perShapeMatches[i % SubscriptionGenerator.Shapes] += queries[i].Matches(d) ? 1 : 0;
                    perShape[i % SubscriptionGenerator.Shapes] += Stopwatch.GetElapsedTime(t).TotalMicroseconds;
                    perShapeCount[i % SubscriptionGenerator.Shapes]++;
                }
            }

            for (var k = 0; k < perShape.Length; k++)
            {
                Console.WriteLine($"shape {k}: {perShapeCount[k] / 300.0:0} candidates and {perShapeMatches[k] / 300.0:0} matches per article, {perShape[k] / Math.Max(1, perShapeCount[k]):0.00} us each, {perShape[k] / 300:0} us per article");
            }
        }

        var sample = corpus.Where((_, i) => i % Math.Max(1, corpus.Count / naiveArticles) == 0).Take(naiveArticles).ToList();
        var naiveMatches = new List<int>[sample.Count];
        var naive = Best(() => Measure(Enumerable.Range(0, sample.Count).ToList(), k =>
        {
            var document = sample[k].ToDocument();
            var found = new List<int>();
            for (var i = 0; i < queries.Length; i++)
            {
                if (queries[i].Matches(document))
                {
                    found.Add(i);
                }
            }

            naiveMatches[k] = found;
        }));
        var disagreements = sample.Where((a, k) => !index.Match(a.ToDocument()).SequenceEqual(naiveMatches[k])).Count();

        Console.WriteLine($"prepare document: {prepare.CpuMicrosecondsPerItem:0} us; find candidates: {presearch.CpuMicrosecondsPerItem:0} us " +
            $"({(double)candidateCount / corpus.Count:0} candidates of {queries.Length}); matches per article {(double)matchCount / corpus.Count:0.0}");
        Console.WriteLine($"indexed (best of 3 passes): {corpus.Count} articles, {indexed.CpuSeconds:0.00} CPU s ({indexed.WallSeconds:0.00} s wall)");
        Console.WriteLine($"naive (best of 3 passes): {sample.Count} articles, {naive.CpuSeconds:0.00} CPU s ({naive.WallSeconds:0.00} s wall); results differing from the index: {disagreements}");
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

    private static Timing Best(Func<Timing> measure) =>
        Enumerable.Range(0, 3).Select(_ => measure()).MinBy(t => t.CpuSeconds)!;

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
