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
/// bench history-coverage [RUNS]: the coverage part of <see cref="HistoryBenchmark"/> alone, over the article read model
/// already in the database of ConnectionStrings__Postgres (a kept bench-history database): per query shape, how many
/// candidates the prefilter finds, how many of them their row decides (no text read), and the time of RUNS coverage
/// requests of a year by day (default 5).
/// </summary>
public sealed class HistoryCoverageBenchmark : IMeasurement
{
    public string Verb => "bench";

    public string Kind => "history-coverage";

    public async Task<int> RunAsync(string[] args)
    {
        var runs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 5;
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["EventStore:DaemonMode"] = "Disabled" });
        builder.AddEventStore(o => o.AddArticleProjection());
        using var host = builder.Build();
        var search = host.Services.GetRequiredService<ArticleSearch>();
        var dataSource = host.Services.GetRequiredService<NpgsqlDataSource>();
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
                var outside = SearchTokens.OutsideText(record.Outlet, record.Url, record.EntityTerms);
                decided += parsed.DecideWithoutText(
                    new MatchableArticle("", "", record.SiteName, record.Url ?? "", record.Entities, record.Language), present, outside.Contains) is null ? 0 : 1;
            }

            var times = new List<double>();
            for (var run = 0; run < runs; run++)
            {
                var (ms, report) = await HistoryBenchmark.CoverageAsync(search, language, shape, [.. sources], null);
                times.Add(ms);
                if (run == 0)
                {
                    Console.WriteLine($"'{shape}': {candidates:N0} candidates, {decided:N0} decided from their row; {report.Articles:N0} articles, {report.Stories:N0} stories");
                }
            }

            times.Sort();
            Console.WriteLine($"  p50 {Percentiles.At([.. times], 0.5):0} ms, max {times[^1]:0} ms ({string.Join(", ", times.Select(t => t.ToString("0", CultureInfo.InvariantCulture)))})");
        }

        return 0;
    }
}
