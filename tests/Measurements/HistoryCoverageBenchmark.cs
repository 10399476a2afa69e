using System.Diagnostics;
using System.Globalization;
using Marten;
using MediaMonitor.Api.Queries;
using MediaMonitor.ServiceDefaults;
using MediaMonitor.ServiceDefaults.Articles;
using MediaMonitor.Text.Querying;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace MediaMonitor.Measurements;

/// <summary>
/// bench history-coverage [RUNS] [rebuild]: the coverage part of <see cref="HistoryBenchmark"/> alone, over the article read model
/// already in the database of ConnectionStrings__Postgres (a kept bench-history database; with rebuild, first the raw read
/// and <see cref="ArticleRebuild"/> of it by this build, as the whole bench times them): per query shape, how many
/// candidates the prefilter finds, how many of them their row decides (no text read), and the time of RUNS coverage
/// requests of a year by day (default 5), each followed by the way before (every candidate's text read and matched in
/// turn, one thread) over the same candidates, so both meet the same load.
/// </summary>
public sealed class HistoryCoverageBenchmark : IMeasurement
{
    public string Verb => "bench";

    public string Kind => "history-coverage";

    public async Task<int> RunAsync(string[] args)
    {
        var runs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 5;
        var rebuild = args.Contains("rebuild", StringComparer.Ordinal);
        using var host = HistoryBenchmark.ArticleStoreHost();
        var search = host.Services.GetRequiredService<ArticleSearch>();
        var dataSource = host.Services.GetRequiredService<NpgsqlDataSource>();

        // A database kept from an earlier bench gets the schema of this build and its data (as SchemaMigrator does).
        var store = host.Services.GetRequiredService<IDocumentStore>();
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        var fill = Stopwatch.StartNew();
        var log = Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;
        var filled = await SearchVectorFill.FillMissingAsync(store, dataSource, log, CancellationToken.None)
            + await CoverageRowFill.FillMissingAsync(store, dataSource, log, CancellationToken.None);
        if (filled > 0)
        {
            Console.WriteLine($"filled {filled:N0} rows written before this build's columns in {fill.Elapsed.TotalSeconds:0.0} s");
        }

        if (rebuild)
        {
            // This build's read model over the kept events (the vector's positions, say), measured as the whole bench measures it.
            var raw = await HistoryBenchmark.RawReadAsync(dataSource);
            Console.WriteLine($"raw sequential read of mt_events: {raw:0} events/s");
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            var copied = TimeSpan.Zero;
            var folded = await ArticleRebuild.RunAsync(store, dataSource, (done, total) => copied = done < total ? clock.Elapsed : copied, CancellationToken.None);
            var rate = folded / clock.Elapsed.TotalSeconds;
            Console.WriteLine($"ArticleRebuild: {clock.Elapsed.TotalSeconds:0.0} s, {rate:0} events/s ({100 * rate / raw:0}% of the raw read); read, fold and COPY about " +
                $"{copied.TotalSeconds:0.0} s, indexes and swap the rest; {(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds:0.0} CPU s in this process");
        }

        var sources = new List<Guid>();
        await using (var command = dataSource.CreateCommand("select distinct source_id from mt_doc_article where source_id is not null"))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                sources.Add(reader.GetGuid(0));
            }
        }

        var language = new SubscriptionQueryLanguage();
        foreach (var shape in HistoryBenchmark.Shapes)
        {
            language.TryCompile(shape, out var parsed, out _);
            var scan = new ArticleScan
            {
                Prefilter = parsed!.Prefilter, AtFrom = HistoryBenchmark.YearStart, AtTo = HistoryBenchmark.YearStart.AddYears(1), SourceIds = [.. sources],
            };
            var (candidates, decided) = (0, 0);
            await foreach (var (record, present) in search.ProbeAsync(scan, parsed.Probes, CancellationToken.None))
            {
                candidates++;
                decided += parsed.DecideWithoutText(
                    new MatchableArticle("", "", record.SiteName, record.Url ?? "", record.Entities, record.Language), present!,
                    token => SearchTokens.OutsideText(token, record.Outlet, record.Url, record.EntityTerms)) is null ? 0 : 1;
            }

            // Interleaved with the way before (every candidate's text read with its row and matched in turn), so both meet the same load.
            var (times, before) = (new List<double>(), new List<double>());
            var (cpuNow, cpuBefore) = (TimeSpan.Zero, TimeSpan.Zero);
            for (var run = 0; run < runs; run++)
            {
                var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                var (ms, report) = await HistoryBenchmark.CoverageAsync(search, language, shape, [.. sources], null);
                times.Add(ms);
                cpuNow += Process.GetCurrentProcess().TotalProcessorTime - cpu;
                cpu = Process.GetCurrentProcess().TotalProcessorTime;
                var clock = Stopwatch.StartNew();
                var matches = 0;
                await foreach (var (record, text) in search.ScanAsync(scan, CancellationToken.None))
                {
                    matches += parsed.Matches(new MatchableArticle(record.Title ?? "", text, record.SiteName, record.Url ?? "", record.Entities, record.Language)) ? 1 : 0;
                }

                before.Add(clock.Elapsed.TotalMilliseconds);
                cpuBefore += Process.GetCurrentProcess().TotalProcessorTime - cpu;
                if (run == 0)
                {
                    Console.WriteLine($"'{shape}': {candidates:N0} candidates, {decided:N0} decided from their row; {report.Articles:N0} articles ({matches:N0} before), {report.Stories:N0} stories");
                }
            }

            Console.WriteLine($"  now:    {Summary(times)}; {cpuNow.TotalMilliseconds / runs:0} CPU ms a request in this process");
            Console.WriteLine($"  before: {Summary(before)}; {cpuBefore.TotalMilliseconds / runs:0} CPU ms a request in this process");
        }

        Console.WriteLine($"load average at the end: {File.ReadAllText("/proc/loadavg").Trim()}");
        return 0;
    }

    private static string Summary(List<double> times)
    {
        var sorted = times.Order().ToArray();
        return $"p50 {Percentiles.At(sorted, 0.5):0} ms, max {sorted[^1]:0} ms ({string.Join(", ", times.Select(t => t.ToString("0", CultureInfo.InvariantCulture)))})";
    }
}
