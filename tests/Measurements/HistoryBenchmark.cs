using System.Diagnostics;
using System.Globalization;
using JasperFx.Events.Daemon;
using Marten;
using MediaMonitor.Alerting.Workload;
using MediaMonitor.Api.Coverage;
using MediaMonitor.Api.Queries;
using MediaMonitor.Contracts.Crawler;
using MediaMonitor.Contracts.Deduplication;
using MediaMonitor.Contracts.EntityTagging;
using MediaMonitor.Contracts;
using MediaMonitor.ServiceDefaults;
using MediaMonitor.ServiceDefaults.Articles;
using MediaMonitor.TestSupport;
using MediaMonitor.Text.Querying;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace MediaMonitor.Measurements;

/// <summary>
/// bench history [N]: appends N articles (default 1,000,000; the BBC corpus re-dated over one year, every fifth a
/// syndicated copy of the one before, each fetched, deduplicated and tagged: 3 events) to a fresh event store, then
/// times in one run: the raw sequential read of mt_events, Marten's RebuildProjectionAsync of the article read model
/// beside ArticleRebuild, a year's backfill scan of one subscription, coverage of a year by day for three query shapes,
/// time-travel coverage, and this process's peak RSS (the coverage and backfill code paths run in it as in the Api).
/// Ends with: history: articles=N rebuild_events_per_s=N stock_rebuild_events_per_s=N backfill_s=N coverage_p50_ms=N coverage_p99_ms=N max_rss_mb=N
/// </summary>
public sealed class HistoryBenchmark : IMeasurement
{
    internal static readonly DateTimeOffset YearStart = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    internal static readonly string[] Shapes = ["tsunami", "government AND entity:\"Tony Blair\"", "minister NEAR/3 election"];

    public string Verb => "bench";

    public string Kind => "history";

    /// <summary>The event store with the article projection registered and the daemon off: the bench drives rebuilds itself.</summary>
    internal static IHost ArticleStoreHost()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["EventStore:DaemonMode"] = "Disabled" });
        builder.AddEventStore(o => o.AddArticleProjection());
        return builder.Build();
    }

    public async Task<int> RunAsync(string[] args)
    {
        var count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1_000_000;
        var corpus = NewsCorpus.Load(Path.Combine(SharedData.Root ?? throw new InvalidOperationException(SharedData.SkipReason), "news-corpus-bbc-greene"));
        using var host = HistoryBenchmark.ArticleStoreHost();
        var store = host.Services.GetRequiredService<IDocumentStore>();
        var dataSource = host.Services.GetRequiredService<NpgsqlDataSource>();
        var search = host.Services.GetRequiredService<ArticleSearch>();
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();

        var sources = new[] { Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid() };
        var appendClock = Stopwatch.StartNew();
        DateTimeOffset midpoint = default;
        Guid story = default;
        for (var start = 0; start < count; start += 1000)
        {
            await using var session = store.LightweightSession();
            for (var i = start; i < Math.Min(count, start + 1000); i++)
            {
                var a = corpus[i % corpus.Count];
                var url = $"https://outlet{i % 40}.example/{i}";
                var id = StreamIdentity.ForArticle(url);
                story = i % 5 == 4 ? story : id;
                var at = YearStart.AddSeconds(i * (365.0 * 86400 / count));
                var entities = a.Entities.Select(e => new TaggedEntity("bench:" + e.Name, e.Name, (EntityType)((int)e.Kind % 4), 1, 0.5, [.. e.Aliases])).ToList();
                session.Events.StartStream(id,
                    new ArticleFetched(id, url, url, a.Title, a.Text, at, "Outlet " + (i % 40), sources[i % 3], at, "bench", Language: a.Language),
                    new ArticleDeduplicated(id, story == id ? DedupVerdict.Original : DedupVerdict.DuplicateOf, story == id ? null : story, 0.9, story, at, "bench"),
                    new EntitiesTagged(id, entities, at, "bench"));
            }

            await session.SaveChangesAsync();
            if (start + 1000 >= count / 2 && midpoint == default)
            {
                midpoint = DateTimeOffset.UtcNow;
            }

            if (start % 50_000 == 0)
            {
                Console.Error.Write($"\rappended {start + 1000:N0} / {count:N0} articles");
            }
        }

        var events = count * 3L;
        Console.WriteLine($"\nappended {count:N0} articles ({events:N0} events) in {appendClock.Elapsed.TotalSeconds:0.0} s ({events / appendClock.Elapsed.TotalSeconds:0} events/s)");

        var raw = await RawReadAsync(dataSource);
        Console.WriteLine($"raw sequential read of mt_events: {raw:0} events/s");

        // The same storage for both rebuilds: ArticleRebuild's table compresses with lz4 where the server has it.
        await using (var lz4 = dataSource.CreateCommand(
            "do $$ begin if exists (select 1 from pg_settings where name = 'default_toast_compression' and 'lz4' = any(enumvals)) then " +
            "alter table mt_doc_article alter column data set compression lz4; end if; end $$"))
        {
            await lz4.ExecuteNonQueryAsync();
        }

        var stockCpu = Process.GetCurrentProcess().TotalProcessorTime;
        var stockClock = Stopwatch.StartNew();
        using (var daemon = await store.BuildProjectionDaemonAsync())
        {
            await daemon.RebuildProjectionAsync<ArticleRecordProjection>(TimeSpan.FromHours(2), CancellationToken.None);
        }

        var stock = events / stockClock.Elapsed.TotalSeconds;
        Console.WriteLine($"peak RSS of this process after the stock rebuild: {Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024.0):0} MB");
        Console.WriteLine($"stock Marten RebuildProjectionAsync: {stockClock.Elapsed.TotalSeconds:0.0} s, {stock:0} events/s " +
            $"({(Process.GetCurrentProcess().TotalProcessorTime - stockCpu).TotalSeconds:0.0} CPU s in this process)");

        var stockRows = await ChecksumAsync(dataSource);

        // First with no vector rows (the stock rebuild writes none; nothing was projected live): the vector table is built
        // in bulk and swapped in. Then again with the vectors in place, as after live projection: the table is kept.
        var (built, builtSeconds, builtCopy, builtCpu) = await TimedRebuildAsync(store, dataSource, "built");
        var builtRows = await ChecksumAsync(dataSource);
        var builtVectors = await VectorChecksumAsync(dataSource);
        var (_, oursSeconds, copied, oursCpuSeconds) = await TimedRebuildAsync(store, dataSource, "kept");
        var ours = events / oursSeconds;
        Console.WriteLine($"ArticleRebuild, vector table built (ordered read, parallel fold, COPY to staging tables, bulk index builds, swap): {builtSeconds:0.0} s, " +
            $"{built:0} events/s ({built / stock:0.0}x stock, {100 * built / raw:0}% of the raw read); read, fold and COPY about {builtCopy.TotalSeconds:0.0} s, " +
            $"compare, indexes and swap the rest; {builtCpu:0.0} CPU s in this process");
        Console.WriteLine($"ArticleRebuild, vector table kept (what each vector was made from COPYed and compared, none differ: no text tokenized, no GIN build): {oursSeconds:0.0} s, {ours:0} events/s " +
            $"({ours / stock:0.0}x stock, {100 * ours / raw:0}% of the raw read); read, fold and COPY about {copied.TotalSeconds:0.0} s, compare, indexes and swap the rest; " +
            $"{oursCpuSeconds:0.0} CPU s in this process");
        Console.WriteLine($"peak RSS of this process after the three rebuilds: {Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024.0):0} MB");
        var oursRows = await ChecksumAsync(dataSource);
        Console.WriteLine($"record rows after the stock rebuild and after both ArticleRebuilds identical (count, id, data, version, columns, coverage row): " +
            $"{(stockRows == builtRows && builtRows == oursRows ? "yes" : $"NO ({stockRows} vs {builtRows} vs {oursRows})")}");
        var oursVectors = await VectorChecksumAsync(dataSource);
        Console.WriteLine($"vector rows after both ArticleRebuilds identical, and each the text form of its record's search tokens (as the live projection writes it): " +
            $"{(builtVectors == oursVectors && await VectorsAsLiveAsync(store, dataSource) ? "yes" : $"NO ({builtVectors} vs {oursVectors})")}");

        var language = new SubscriptionQueryLanguage();
        var backfillClock = Stopwatch.StartNew();
        var backfillQuery = QueryParser.Parse(Shapes[1]).Query!;
        var backfilled = 0;
        await foreach (var (record, text) in search.ScanAsync(new ArticleScan
        {
            Prefilter = SearchPrefilter.For(backfillQuery), FetchedFrom = YearStart, FetchedTo = YearStart.AddYears(1), OrderByFetched = true,
        }, CancellationToken.None))
        {
            if (backfillQuery.Matches(ArticleDocument.Create(record.Title ?? "", text, record.Outlet ?? "", record.Url ?? "", record.Language, record.Entities)))
            {
                backfilled++;
            }
        }

        var backfillSeconds = backfillClock.Elapsed.TotalSeconds;
        Console.WriteLine($"backfill scan of a year for '{Shapes[1]}': {backfilled:N0} matches in {backfillSeconds:0.00} s (matching only; alert appends not timed)");

        var timings = new List<double>();
        foreach (var shape in Shapes)
        {
            var times = new List<double>();
            for (var run = 0; run < 5; run++)
            {
                var (ms, report) = await CoverageAsync(search, language, shape, sources, null);
                times.Add(ms);
                if (run == 0)
                {
                    Console.WriteLine($"coverage of a year by day, '{shape}': {report.Articles:N0} articles, {report.Stories:N0} stories");
                }
            }

            times.Sort();
            timings.AddRange(times);
            Console.WriteLine($"  p50 {Percentiles.At([.. times], 0.5):0} ms, max {times[^1]:0} ms");
        }

        var travel = new List<double>();
        for (var run = 0; run < 3; run++)
        {
            var (ms, report) = await CoverageAsync(search, language, Shapes[0], sources, midpoint);
            travel.Add(ms);
            if (run == 0)
            {
                Console.WriteLine($"time travel (asOf = halfway through the appends), '{Shapes[0]}': {report.Articles:N0} articles");
            }
        }

        travel.Sort();
        Console.WriteLine($"  p50 {Percentiles.At([.. travel], 0.5):0} ms");
        timings.Sort();
        var rss = Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024.0);
        Console.WriteLine($"peak RSS of this process (coverage and backfill paths run in it): {rss:0} MB");
        Console.WriteLine(FormattableString.Invariant(
            $"history: articles={count} rebuild_events_per_s={ours:0} stock_rebuild_events_per_s={stock:0} backfill_s={backfillSeconds:0.0} coverage_p50_ms={Percentiles.At([.. timings], 0.5):0} coverage_p99_ms={Percentiles.At([.. timings], 0.99):0} max_rss_mb={rss:0}"));
        return 0;
    }

    internal static async Task<double> RawReadAsync(NpgsqlDataSource dataSource)
    {
        var clock = Stopwatch.StartNew();
        long rows = 0;
        await using var command = dataSource.CreateCommand("select seq_id, stream_id, type, data::text from mt_events order by seq_id");
        await using var reader = await command.ExecuteReaderAsync(System.Data.CommandBehavior.SequentialAccess);
        while (await reader.ReadAsync())
        {
            _ = reader.GetInt64(0);
            _ = reader.GetGuid(1);
            _ = reader.GetString(2);
            _ = reader.GetString(3);
            rows++;
        }

        return rows / clock.Elapsed.TotalSeconds;
    }

    /// <summary>An ArticleRebuild timed: events/s, seconds, when the COPY ended, CPU s of this process.</summary>
    private static async Task<(double EventsPerSecond, double Seconds, TimeSpan Copied, double CpuSeconds)> TimedRebuildAsync(
        IDocumentStore store, NpgsqlDataSource dataSource, string label)
    {
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var copied = TimeSpan.Zero;
        var folded = await ArticleRebuild.RunAsync(store, dataSource, (done, total) =>
        {
            Console.Error.Write($"\rArticleRebuild ({label}) {done:N0} / {total:N0} events");
            copied = done < total ? clock.Elapsed : copied;
        }, CancellationToken.None);
        var seconds = clock.Elapsed.TotalSeconds;
        Console.Error.WriteLine();
        return (folded / seconds, seconds, copied, (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds);
    }

    /// <summary>A checksum of the vector table's rows.</summary>
    private static async Task<string> VectorChecksumAsync(NpgsqlDataSource dataSource)
    {
        await using var command = dataSource.CreateCommand(
            $"select count(*)::text || '/' || coalesce(sum(hashtextextended(concat_ws('|', id, search_vector, entity_only, text_sequence, entity_terms, tokens), 0)::numeric), 0)::text from {ArticleSearchVectors.Table}");
        command.CommandTimeout = 0;
        return (string)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>
    /// Whether a sample of records (300, by a hash of the id) has exactly the vector row the live projection writes (its
    /// stream folded here: the tokens' text form, cast; the entities' own lexemes; the fetch, tagging and version it was
    /// made from), or none without search tokens: the rebuild's binary vectors against the text input's. The records no
    /// longer hold their text's tokens, so the streams are folded again.
    /// </summary>
    private static async Task<bool> VectorsAsLiveAsync(IDocumentStore store, NpgsqlDataSource dataSource)
    {
        var ids = new List<Guid>();
        await using (var sample = dataSource.CreateCommand("select id from mt_doc_article order by md5(id::text) limit 300"))
        {
            sample.CommandTimeout = 0;
            await using var reader = await sample.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                ids.Add(reader.GetGuid(0));
            }
        }

        await using var session = store.QuerySession();
        foreach (var id in ids)
        {
            var events = await session.Events.FetchStreamAsync(id);
            var fold = ArticleRecord.Fold(id, events.Select(e => e.Data))!;
            var fetch = events.LastOrDefault(e => e.Data is ArticleFetched f && f.FetchedAt == fold.FetchedAt);
            await using var check = dataSource.CreateCommand(
                $"select count(*) from (select @id as id) r full join (select * from {ArticleSearchVectors.Table} where id = @id) v on v.id = r.id " +
                "where v.search_vector is distinct from nullif(@vector::tsvector, ''::tsvector) or (v.id is not null and (" +
                "v.entity_only is distinct from ts_delete(@entities::tsvector, tsvector_to_array(@text::tsvector)) or v.text_sequence is distinct from @sequence " +
                "or v.entity_terms is distinct from @entities or v.tokens is distinct from @tokens))");
            check.Parameters.AddWithValue("id", id);
            check.Parameters.AddWithValue("vector", fold.SearchVector);
            check.Parameters.AddWithValue("entities", fold.EntityTerms);
            check.Parameters.AddWithValue("text", fold.TextTerms ?? "");
            check.Parameters.AddWithValue("sequence", fetch?.Sequence ?? 0L);
            check.Parameters.AddWithValue("tokens", SearchTokens.Version);
            if ((long)(await check.ExecuteScalarAsync())! != 0)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A checksum of mt_doc_article's rows (every column but the modification time), to compare two rebuilds.</summary>
    private static async Task<string> ChecksumAsync(NpgsqlDataSource dataSource)
    {
        await using var command = dataSource.CreateCommand(
            "select count(*)::text || '/' || coalesce(sum(hashtextextended(concat_ws('|', id, data::text, mt_version, mt_dotnet_type, at, fetched_at, source_id, story_id, " +
            "first_event_at, last_event_at, coverage_row), 0)::numeric), 0)::text from mt_doc_article");
        command.CommandTimeout = 0;
        return (string)(await command.ExecuteScalarAsync())!;
    }

    internal static async Task<(double Ms, CoverageReport Report)> CoverageAsync(
        ArticleSearch search, SubscriptionQueryLanguage language, string query, Guid[] sources, DateTimeOffset? asOf)
    {
        var clock = Stopwatch.StartNew();
        language.TryCompile(query, out var parsed, out _);
        var tally = new CoverageTally(YearStart, YearStart.AddYears(1), CoverageInterval.Day);
        var scan = new ArticleScan { Prefilter = parsed!.Prefilter, AtFrom = YearStart, AtTo = YearStart.AddYears(1), SourceIds = sources, AsOf = asOf };
        await foreach (var article in CoverageMatches.ReadAsync(search, scan, parsed, CancellationToken.None))
        {
            tally.Add(article);
        }

        return (clock.Elapsed.TotalMilliseconds, tally.Report(query, asOf));
    }
}
