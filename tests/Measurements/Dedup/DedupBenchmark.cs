using System.Diagnostics;
using System.Globalization;
using MediaMonitor.Deduplication.Decisions;
using MediaMonitor.Deduplication.Fingerprinting;
using MediaMonitor.Deduplication;
using MediaMonitor.Deduplication.Index;
using MediaMonitor.Deduplication.Stories;

namespace MediaMonitor.Measurements.Dedup;

/// <summary>
/// deploy/local/bench.sh dedup [--articles N] [--postgres-articles N] [--concurrency C]: first the in-memory index that
/// only tests use (labelled as such), then the path the service runs (<see cref="PostgresDedupPath"/>: the real
/// PostgreSQL index prefilled with N articles, C decisions at once), whose rate the summary line reports.
/// In-memory: fingerprint plus lookup per article against an index of N (1,000,000)
/// articles on one thread, originals then clustered into stories against the story window; rates are per CPU-second of the process (the work is single-threaded). The index holds N synthetic fingerprints (random sketches and sentence hashes: unrelated
/// articles); the timed stream is three generated benchmark sets (syndicated copies, negatives), each
/// article fingerprinted, looked up, verified against the stored fingerprints of its candidates, decided and added.
/// bytes_per_article is the managed heap the in-memory index takes per indexed article; fingerprints sit in a file
/// (the service keeps them in PostgreSQL). The naive baseline (5-gram Jaccard against every earlier article) is timed
/// against 20,000 articles and scaled to N, since its cost grows linearly with the index.
/// </summary>
public sealed class DedupBenchmark : IMeasurement
{
    private const int NaiveIndexSize = 20_000;

    public string Verb => "bench";

    public string Kind => "dedup";

    public async Task<int> RunAsync(string[] args)
    {
        var size = Option(args, "--articles", 1_000_000);
        var postgresSize = Option(args, "--postgres-articles", size);
        var concurrency = Option(args, "--concurrency", 16);
        var corpus = BbcCorpus.Read(SharedDataFolder.PathTo("news-corpus-bbc-greene"));
        // Three generated sets one after another (about 11,000 articles, so CPU-time ticks do not dominate); the later
        // sets repeat the earlier ones' originals, so they are mostly copies.
        // Each set is moved 150 days after the previous one, so the story window sees each set's days in order.
        var stream = new List<BenchmarkArticle>();
        foreach (var (seed, k) in new[] { 20261129, 7, 8 }.Select((seed, k) => (seed, k)))
        {
            stream.AddRange(new DedupSetGenerator(seed).Generate(corpus).Articles.Select(a => a with { Published = a.Published.AddDays(150 * k) }));
        }

        var keysPerArticle = IndexKeys.Bands + IndexKeys.LeadSentences;

        var before = GC.GetTotalMemory(forceFullCollection: true);
        var table = new LshKeyTable(size + stream.Count, keysPerArticle);
        using var file = new FingerprintFile(Path.Combine(Path.GetTempPath(), $"dedup-bench-{Environment.ProcessId}.bin"));
        var random = new Random(7);
        var clock = Stopwatch.StartNew();
        for (var slot = 0; slot < size; slot++)
        {
            var fingerprint = Synthetic(random);
            var id = Guid.NewGuid();
            file.Write(slot, new IndexedArticle(id, id, id, DateTimeOffset.UnixEpoch.AddMinutes(slot), fingerprint));
            foreach (var key in IndexKeys.For(fingerprint))
            {
                table.Add(key, slot);
            }
        }

        var heapBytes = GC.GetTotalMemory(forceFullCollection: true) - before;
        Console.WriteLine($"in-memory index (tests and this comparison only; the service runs the PostgreSQL index below): {size:N0} articles in {clock.Elapsed.TotalSeconds:0.0}s, {table.Count:N0} keys, key table {table.Bytes / (1 << 20)} MiB (heap grew {heapBytes / (1 << 20)} MiB), fingerprint records {FingerprintFile.RecordSize} bytes each on disk");

        var fingerprinter = new Fingerprinter();
        var candidates = new List<int>();

        // Articles arrive with their ids (the service's come from the canonical URL): making them is not timed.
        var ids = stream.ConvertAll(_ => Guid.NewGuid());

        // Warm-up (JIT tiers): the stream twice through a scratch index, so the timed pass runs optimised code and the
        // background recompilation is over before the clock starts.
        for (var pass = 1; pass <= 2; pass++)
        {
            var warmClock = Stopwatch.StartNew();
            var warmCpu = CpuTime();
            using (var scratchFile = new FingerprintFile(Path.Combine(Path.GetTempPath(), $"dedup-bench-warm-{Environment.ProcessId}.bin")))
            {
                Run(stream, new LshKeyTable(stream.Count, keysPerArticle), scratchFile, 0, fingerprinter, candidates, new InMemoryStoryIndex(DeduplicationOptions.DefaultStoryWindow), ids);
            }

            Console.WriteLine($"warm-up {pass}: the stream against an empty index at {stream.Count / (CpuTime() - warmCpu).TotalSeconds:0} articles per CPU-second ({stream.Count / warmClock.Elapsed.TotalSeconds:0} per wall-clock second)");
        }

        GC.Collect();
        clock.Restart();
        var cpu = CpuTime();
        var stories = new InMemoryStoryIndex(DeduplicationOptions.DefaultStoryWindow);
        var (duplicates, verified) = Run(stream, table, file, size, fingerprinter, candidates, stories, ids);
        var seconds = (CpuTime() - cpu).TotalSeconds;
        var perSecond = stream.Count / seconds;
        Console.WriteLine($"in-memory stream: {stream.Count:N0} articles in {seconds:0.00} CPU-s ({clock.Elapsed.TotalSeconds:0.00}s wall-clock on a shared machine), {duplicates:N0} duplicates, {verified / (double)stream.Count:0.00} candidates verified per article");

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"in-memory: articles={size} articles_per_s={perSecond:0} bytes_per_article={table.Bytes / (double)size:0} (CPU-second rate; key table only, fingerprints in a file)"));

        var naivePerSecond = NaiveRate(stream) * NaiveIndexSize / size;
        // The service's path takes one generated set (its originals, copies and negatives), re-dated to end now.
        var postgres = await PostgresDedupPath.RunAsync(postgresSize, new DedupSetGenerator(8).Generate(corpus).Articles, Synthetic, concurrency);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"postgres (the service's path): articles={postgresSize} one_at_a_time_per_s={postgres.SequentialPerSecond:0} concurrent_per_s={postgres.ConcurrentPerSecond:0} concurrency={postgres.Concurrency} bytes_per_article={postgres.BytesPerArticle} duplicates={postgres.Duplicates} failed={postgres.Failed}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"dedup-bench: articles={postgresSize} articles_per_s={postgres.ConcurrentPerSecond:0} bytes_per_article={postgres.BytesPerArticle} naive_articles_per_s={naivePerSecond * size / postgresSize:0.##}"));
        return 0;
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
    }

    /// <summary>
    /// Fingerprints, looks up, verifies, decides and adds each article, and puts each original in its story, as the service
    /// does; returns the counts.
    /// </summary>
    private static (int Duplicates, int Verified) Run(
        List<BenchmarkArticle> stream, LshKeyTable table, FingerprintFile file, int firstSlot, Fingerprinter fingerprinter, List<int> candidates, InMemoryStoryIndex stories, List<Guid> ids)
    {
        var next = firstSlot;
        var duplicates = 0;
        var verified = 0;
        for (var i = 0; i < stream.Count; i++)
        {
            var article = stream[i];
            var fingerprint = fingerprinter.Create(article.Title, article.Text);
            var keys = IndexKeys.For(fingerprint);
            candidates.Clear();
            foreach (var key in keys)
            {
                table.Find(key, candidates);
            }

            var indexed = candidates.ConvertAll(file.Read);
            verified += indexed.Count;
            var id = ids[i];
            var decision = DedupDecider.Decide(id, fingerprint, indexed);
            duplicates += decision.DuplicateOf is null ? 0 : 1;
            if (decision.DuplicateOf is null)
            {
                var terms = StoryClusterer.TermsOf(fingerprint);
                decision = decision with { StoryId = stories.Decide(id, terms, article.Published).StoryId };
                stories.Insert(new StoryCandidate(id, decision.StoryId, article.Published, terms));
            }

            file.Write(next, new IndexedArticle(id, decision.DuplicateOf ?? id, decision.StoryId, article.Published, fingerprint));
            foreach (var key in keys)
            {
                table.Add(key, next);
            }

            next++;
        }

        return (duplicates, verified);
    }

    /// <summary>CPU time of this process: rates per CPU-second hold on one core however busy the shared machine is.</summary>
    private static TimeSpan CpuTime() => Process.GetCurrentProcess().TotalProcessorTime;

    /// <summary>A fingerprint of an unrelated article: random sketch, names, numbers and sentence hashes of typical sizes.</summary>
    internal static ArticleFingerprint Synthetic(Random random)
    {
        uint[] Values(int n)
        {
            var values = new uint[n];
            for (var i = 0; i < n; i++)
            {
                values[i] = (uint)random.NextInt64(uint.MaxValue);
            }

            return values;
        }

        var names = Values(30);
        var numbers = Values(8);
        Array.Sort(names);
        Array.Sort(numbers);
        return new ArticleFingerprint((ulong)random.NextInt64(), 420, 400, Values(Fingerprinter.ShingleBins), names, numbers, Values(20), Fingerprinter.LeadSentences);
    }

    /// <summary>Articles per second of the naive baseline against an index of <see cref="NaiveIndexSize"/> articles.</summary>
    private static double NaiveRate(List<BenchmarkArticle> stream)
    {
        var naive = new NaiveBaseline { SkipBySize = false };
        for (var i = 0; naive.Count < NaiveIndexSize; i++)
        {
            naive.Remember(stream[i % stream.Count].Text + " " + i.ToString(CultureInfo.InvariantCulture));
        }

        var cpu = CpuTime();
        var timed = 0;
        for (; CpuTime() - cpu < TimeSpan.FromSeconds(3); timed++)
        {
            naive.Add(stream[timed % stream.Count].Text);
        }

        return timed / (CpuTime() - cpu).TotalSeconds;
    }
}
