using System.Diagnostics;
using System.Globalization;
using Marten;
using MediaMonitor.Contracts.Crawler;
using MediaMonitor.Contracts.Deduplication;
using MediaMonitor.Deduplication;
using MediaMonitor.Deduplication.Fingerprinting;
using MediaMonitor.Deduplication.Index;
using MediaMonitor.Deduplication.Stories;
using MediaMonitor.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NpgsqlTypes;

namespace MediaMonitor.Measurements.Dedup;

/// <summary>
/// The path the Deduplication service runs, timed: the service host wired as its Program.cs wires it, on the real
/// PostgreSQL, its <see cref="ArticleDeduplicator"/> deciding each article (lock keys and story terms, redelivery check,
/// candidates from mm_dedup_keys, verification, story step, index rows and the ArticleDeduplicated append, one
/// transaction each) against an index prefilled with N unrelated articles spread over the window (COPY, not timed).
/// Rates are wall-clock: the work is split between this process and PostgreSQL.
/// </summary>
public static class PostgresDedupPath
{
    public sealed record Result(double SequentialPerSecond, double ConcurrentPerSecond, int Concurrency, long BytesPerArticle, int Duplicates, int Failed);

    public static async Task<Result> RunAsync(int size, List<BenchmarkArticle> stream, Func<Random, ArticleFingerprint> synthetic, int concurrency)
    {
        var env = await TestEnvironment.CreateAsync("dedupbench");
        await using var host = await ServiceHost.StartAsync(
            typeof(DeduplicationWiring).Assembly, env.Settings, b => b.AddDeduplication(), a => a.MapDeduplication());
        var store = host.Services.GetRequiredService<IDocumentStore>();
        var deduplicator = host.Services.GetRequiredService<ArticleDeduplicator>();
        var schema = store.Options.DatabaseSchemaName;

        // The stream re-dated to end now (the pruner keeps the index to the window before now), split in two halves: the
        // first decided one at a time, the second with the service's concurrency; each half also warms the other's code.
        var now = DateTimeOffset.UtcNow;
        var shift = now - stream.Max(a => a.Published);
        var articles = stream.ConvertAll(a => Fetched(a, a.Published + shift));
        var span = TimeSpan.FromDays(new DeduplicationOptions().WindowDays);

        var clock = Stopwatch.StartNew();
        await PrefillAsync(env.ConnectionString, schema, size, now - span, now, synthetic);
        Console.WriteLine($"postgres index: {size:N0} unrelated articles over the last {span.TotalDays:0} days copied in {clock.Elapsed.TotalSeconds:0.0}s");

        await ExplainAsync(env.ConnectionString, schema, now);
        var warm = articles.Take(200).ToList();
        foreach (var article in warm)
        {
            await deduplicator.DeduplicateAsync(article, CancellationToken.None);
        }

        var rest = articles.Skip(warm.Count).ToList();
        var half = rest.Count / 2;
        clock.Restart();
        var duplicates = 0;
        foreach (var article in rest.Take(half))
        {
            duplicates += (await deduplicator.DeduplicateAsync(article, CancellationToken.None))?.DuplicateOf is null ? 0 : 1;
        }

        var sequential = half / clock.Elapsed.TotalSeconds;
        Console.WriteLine($"postgres path, one at a time: {half:N0} articles in {clock.Elapsed.TotalSeconds:0.0}s = {sequential:0} articles/s");

        var second = rest.Skip(half).ToList();
        var next = -1;
        var failed = 0;
        clock.Restart();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            for (var i = Interlocked.Increment(ref next); i < second.Count; i = Interlocked.Increment(ref next))
            {
                try
                {
                    if ((await deduplicator.DeduplicateAsync(second[i], CancellationToken.None))?.DuplicateOf is not null)
                    {
                        Interlocked.Increment(ref duplicates);
                    }
                }
                catch (NpgsqlException e)
                {
                    // The service's consumer would retry it (MassTransit retry, then the error queue); here it is counted.
                    Interlocked.Increment(ref failed);
                    Console.WriteLine($"decision failed ({e.InnerException?.GetType().Name ?? e.GetType().Name}): {e.Message}");
                }
            }
        })));
        var concurrent = (second.Count - failed) / clock.Elapsed.TotalSeconds;
        Console.WriteLine($"postgres path, {concurrency} at once (the service's ConcurrentMessageLimit): {second.Count - failed:N0} articles decided ({failed} failed) in {clock.Elapsed.TotalSeconds:0.0}s = {concurrent:0} articles/s");

        var bytes = await TableBytesAsync(env.ConnectionString, schema);
        return new Result(sequential, concurrent, concurrency, bytes / (size + articles.Count), duplicates, failed);
    }

    private static ArticleFetched Fetched(BenchmarkArticle article, DateTimeOffset published)
    {
        var id = Guid.NewGuid();
        return new ArticleFetched(id, article.Url + "#" + id.ToString("N"), article.Url, article.Title, article.Text, published, article.Source, Guid.Empty, published, "dedup-bench");
    }

    /// <summary>Index rows of <paramref name="size"/> unrelated originals (their own stories), as the service would have left them.</summary>
    private static async Task PrefillAsync(string db, string schema, int size, DateTimeOffset from, DateTimeOffset to, Func<Random, ArticleFingerprint> synthetic)
    {
        await using var connection = new NpgsqlConnection(db);
        await connection.OpenAsync();
        var random = new Random(7);
        var storyFrom = to - DeduplicationOptions.DefaultStoryWindow;
        var ticks = (to - from).Ticks;
        var rows = new List<(Guid Id, DateTimeOffset At, ArticleFingerprint Fingerprint)>(Math.Min(size, 100_000));
        for (var done = 0; done < size; done += rows.Count)
        {
            rows.Clear();
            for (var i = 0; i < Math.Min(100_000, size - done); i++)
            {
                rows.Add((Guid.NewGuid(), from.AddTicks((long)(random.NextDouble() * ticks)), synthetic(random)));
            }

            await using (var articles = await connection.BeginBinaryImportAsync(
                $"copy {schema}.{DedupTables.Articles} (article_id, original_id, story_id, published_at, fingerprint, dedup_version) from stdin (format binary)"))
            {
                foreach (var (id, at, fingerprint) in rows)
                {
                    await articles.StartRowAsync();
                    await articles.WriteAsync(id, NpgsqlDbType.Uuid);
                    await articles.WriteAsync(id, NpgsqlDbType.Uuid);
                    await articles.WriteAsync(id, NpgsqlDbType.Uuid);
                    await articles.WriteAsync(at, NpgsqlDbType.TimestampTz);
                    await articles.WriteAsync(FingerprintCodec.Encode(fingerprint), NpgsqlDbType.Bytea);
                    await articles.WriteAsync("dedup-bench", NpgsqlDbType.Text);
                }

                await articles.CompleteAsync();
            }

            await using (var keys = await connection.BeginBinaryImportAsync(
                $"copy {schema}.{DedupTables.Keys} (key, article_id, published_at) from stdin (format binary)"))
            {
                foreach (var (id, at, fingerprint) in rows)
                {
                    foreach (var key in IndexKeys.For(fingerprint).Distinct())
                    {
                        await keys.StartRowAsync();
                        await keys.WriteAsync(key, NpgsqlDbType.Bigint);
                        await keys.WriteAsync(id, NpgsqlDbType.Uuid);
                        await keys.WriteAsync(at, NpgsqlDbType.TimestampTz);
                    }
                }

                await keys.CompleteAsync();
            }

            await using (var terms = await connection.BeginBinaryImportAsync(
                $"copy {schema}.{DedupTables.StoryTerms} (term, article_id, published_at) from stdin (format binary)"))
            {
                foreach (var (id, at, fingerprint) in rows.Where(r => r.At >= storyFrom))
                {
                    foreach (var term in StoryClusterer.TermsOf(fingerprint).Distinct())
                    {
                        await terms.StartRowAsync();
                        await terms.WriteAsync((int)term, NpgsqlDbType.Integer);
                        await terms.WriteAsync(id, NpgsqlDbType.Uuid);
                        await terms.WriteAsync(at, NpgsqlDbType.TimestampTz);
                    }
                }

                await terms.CompleteAsync();
            }
        }

        // What autovacuum leaves behind in a running service: statistics and the visibility map (index-only scans).
        foreach (var table in new[] { DedupTables.Articles, DedupTables.Keys, DedupTables.StoryTerms })
        {
            await using var vacuum = new NpgsqlCommand($"vacuum analyze {schema}.{table}", connection) { CommandTimeout = 0 };
            await vacuum.ExecuteNonQueryAsync();
        }
    }

    /// <summary>Prints the plan and time of the story step's count of originals in the window (the query that grows with the index).</summary>
    private static async Task ExplainAsync(string db, string schema, DateTimeOffset at)
    {
        await using var connection = new NpgsqlConnection(db);
        await connection.OpenAsync();
        var window = DeduplicationOptions.DefaultStoryWindow;
        await using var command = new NpgsqlCommand(
            $"explain (analyze, costs off, timing off, summary on) select count(*) from {schema}.{DedupTables.Articles} where article_id = original_id and published_at between $1 and $2", connection);
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = (at - window).ToUniversalTime() });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = (at + window).ToUniversalTime() });
        await using var reader = await command.ExecuteReaderAsync();
        var lines = new List<string>();
        while (await reader.ReadAsync())
        {
            lines.Add(reader.GetString(0).Trim());
        }

        Console.WriteLine("story window count of originals: " + string.Join(" | ", lines));
    }

    private static async Task<long> TableBytesAsync(string db, string schema)
    {
        await using var connection = new NpgsqlConnection(db);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(string.Create(CultureInfo.InvariantCulture,
            $"select pg_total_relation_size('{schema}.{DedupTables.Articles}') + pg_total_relation_size('{schema}.{DedupTables.Keys}') + pg_total_relation_size('{schema}.{DedupTables.StoryTerms}')"), connection);
        return (long)(await command.ExecuteScalarAsync() ?? 0L);
    }
}
