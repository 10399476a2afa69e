using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Marten;
using MediaMonitor.Alerting.Workload;
using MediaMonitor.Contracts;
using MediaMonitor.Contracts.Crawler;
using MediaMonitor.Contracts.Deduplication;
using MediaMonitor.Contracts.EntityTagging;
using MediaMonitor.Measurements.Chaos;
using MediaMonitor.ServiceDefaults.Jobs;
using MediaMonitor.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace MediaMonitor.Measurements.PipelineRun;

/// <summary>
/// bench backfill: subscriptions created in bulk through the Api, as an analyst team's import or a tenant's onboarding
/// makes them, each starting its backfill job in Alerting. The Api and Alerting as separate processes on the servers
/// bench.sh started; a tenant with <c>sources</c> feeds. Three phases of <c>subscriptions</c> generated queries each,
/// created 8 at a time: the baseline with Alerting:BackfillDays=0 (no job at all: how fast the Api creates them, the
/// ceiling), then over an empty history, then over a history of <c>history</c> articles fetched over the backfill window
/// from the tenant's feeds (appended to the event store, projected by the services), each timed from the first request
/// until every job has finished (jobs_per_s) and until the last subscription was created (created_per_s), with each
/// process's CPU seconds and each consumer's times. Arguments: [subscriptions=2000] [sources=500] [history=2000].
/// Ends with exactly: backfill: subscriptions=N no_backfill_per_s=N empty_jobs_per_s=N empty_created_per_s=N history_jobs_per_s=N history_created_per_s=N history_alert_events=N failed=N
/// </summary>
public sealed class BackfillBenchmark : IMeasurement
{
    private const string Tenant = "backfill";

    public string Verb => "bench";

    public string Kind => "backfill";

    public async Task<int> RunAsync(string[] args)
    {
        int Arg(int i, int fallback) => args.Length > i ? int.Parse(args[i], CultureInfo.InvariantCulture) : fallback;
        var (count, sourceCount, historyCount) = (Arg(0, 2000), Arg(1, 500), Arg(2, 2000));
        var directory = Environment.GetEnvironmentVariable("MM_PIPELINE_DIR") ?? throw new InvalidOperationException("MM_PIPELINE_DIR is not set (run deploy/local/bench.sh backfill)");
        var portBase = int.Parse(Environment.GetEnvironmentVariable("MM_PIPELINE_PORT_BASE") ?? throw new InvalidOperationException("MM_PIPELINE_PORT_BASE is not set"), CultureInfo.InvariantCulture);
        var log = (string line) => Console.WriteLine($"[{DateTime.UtcNow:HH:mm:ss}] {line}");
        var corpus = NewsCorpus.Load(Path.Combine(SharedData.Root ?? throw new InvalidOperationException(SharedData.SkipReason), "news-corpus-bbc-greene"))
            .Where(a => a.Text.Length > 600).ToList();
        var generator = new SubscriptionGenerator(corpus, seed: 7);
        var queries = Enumerable.Range(0, count * 3).Select(generator.Next).ToList();

        var logs = Path.Combine(directory, "logs");
        Directory.CreateDirectory(logs);
        var common = ChaosRun.ServiceEnvironment();
        var adminKey = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(20));
        var root = Directory.GetCurrentDirectory();
        var api = new ServiceProcess("Api", root, ServiceProcess.BaseAddressOf("Api", portBase).Port,
            new Dictionary<string, string>(common) { ["Api__AdminKey"] = adminKey }, logs);
        var alertingPort = ServiceProcess.BaseAddressOf("Alerting", portBase).Port;
        var noBackfill = new ServiceProcess("Alerting", root, alertingPort, new Dictionary<string, string>(common) { ["Alerting__BackfillDays"] = "0" }, logs);
        ServiceProcess? alerting = null;
        using var host = ChaosRun.EventStoreHost();
        var store = host.Services.GetRequiredService<IDocumentStore>();
        var database = host.Services.GetRequiredService<NpgsqlDataSource>();
        using var probe = new PipelineProbe(portBase, common["ConnectionStrings__Postgres"]);
        try
        {
            log($"load average {Load()}; {count} subscriptions a phase, {sourceCount} sources, a history of {historyCount} articles");
            await ServiceProcess.StartAllAsync([api, noBackfill]);
            using var http = new HttpClient { BaseAddress = api.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
            var sources = await SetUpTenantAsync(http, adminKey, sourceCount);

            // Baseline: the same requests with no backfill job at all, as fast as the Api creates them (then drained, so the
            // next phase starts on quiet services).
            var (_, baseline) = await PhaseAsync("no backfill", http, queries[..count], [api, noBackfill], directory, log,
                () => WaitDrainedAsync(probe));
            await noBackfill.DisposeAsync();

            alerting = new ServiceProcess("Alerting", root, alertingPort, common, logs);
            alerting.Start();
            await alerting.WaitReadyAsync(TimeSpan.FromMinutes(3));
            var (empty, emptyCreated) = await PhaseAsync("empty history", http, queries[count..(2 * count)], [api, alerting], directory, log,
                () => WaitJobsAsync(store, count));

            await SeedHistoryAsync(store, database, corpus, sources, historyCount, log);
            var historyStart = DateTimeOffset.UtcNow;
            var (history, historyCreated) = await PhaseAsync($"history of {historyCount}", http, queries[(2 * count)..], [api, alerting], directory, log,
                () => WaitJobsAsync(store, 2 * count));

            await using var query = store.QuerySession();
            var jobs = await query.Query<JobDocument>().Where(j => j.Kind == JobKinds.SubscriptionBackfill).ToListAsync();
            var historyJobs = jobs.Where(j => j.StartedAt >= historyStart).ToList();
            var failed = jobs.Count(j => j.State != JobState.Completed);
            var matched = historyJobs.Sum(j => j.Counters.GetValueOrDefault("matched"));
            var alertEvents = historyJobs.Sum(j => j.Counters.GetValueOrDefault("alertEvents"));
            log($"history phase: {historyJobs.Count} jobs, {historyJobs.Sum(j => j.Done)} candidates read, {matched} matched, {alertEvents} alert events; " +
                $"{historyJobs.Count(j => j.Done == 0)} jobs over no candidate; load average {Load()}");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"backfill: subscriptions={count} no_backfill_per_s={baseline:0.0} empty_jobs_per_s={empty:0.0} empty_created_per_s={emptyCreated:0.0} history_jobs_per_s={history:0.0} history_created_per_s={historyCreated:0.0} history_alert_events={alertEvents} failed={failed}"));
            return failed == 0 ? 0 : 1;
        }
        finally
        {
            await api.DisposeAsync();
            await (alerting ?? noBackfill).DisposeAsync();
        }
    }

    /// <summary>
    /// Creates the phase's subscriptions 8 at a time and waits until <paramref name="done"/>; returns subscriptions per
    /// second from the first request until done, and until the last was created.
    /// </summary>
    private static async Task<(double DonePerSecond, double CreatedPerSecond)> PhaseAsync(string name, HttpClient api, IReadOnlyList<string> queries,
        IReadOnlyList<ServiceProcess> services, string directory, Action<string> log, Func<Task> done)
    {
        var cpuBefore = ServerCpu.Take(services, directory);
        var timingsBefore = await ConsumerTimings.ReadAsync(services);
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, queries.Count), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
        {
            using var response = await api.PostAsJsonAsync("/api/subscriptions", new { name = $"bulk {i}", query = queries[i] }, ct);
            response.EnsureSuccessStatusCode();
        });
        var created = clock.Elapsed;
        await done();
        var elapsed = clock.Elapsed;
        var cpu = ServerCpu.Take(services, directory).Since(cpuBefore, queries.Count);
        var timings = await ConsumerTimings.ReadAsync(services);
        var busy = timings.Where(t => t.Key.Kind == "consume" && t.Value.Count > (timingsBefore.GetValueOrDefault(t.Key)?.Count ?? 0)).Select(t => t.Key.Consumer).Distinct();
        log(string.Create(CultureInfo.InvariantCulture,
            $"{name}: {queries.Count} subscriptions created in {created.TotalSeconds:0.0} s ({queries.Count / created.TotalSeconds:0.0}/s), all done after {elapsed.TotalSeconds:0.0} s " +
            $"({queries.Count / elapsed.TotalSeconds:0.0}/s); load average {Load()}"));
        log($"  {name}: {cpu.Replace("articles", "subscriptions", StringComparison.Ordinal)}");
        log($"  {name}, consumers (ms): {ConsumerTimings.Between(timingsBefore, timings, busy)}");
        return (queries.Count / elapsed.TotalSeconds, queries.Count / created.TotalSeconds);
    }

    private static async Task<IReadOnlyList<Guid>> SetUpTenantAsync(HttpClient api, string adminKey, int sourceCount)
    {
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", adminKey);
        using var tenant = await api.PostAsJsonAsync("/api/tenants", new { name = "Backfill benchmark", tenantId = Tenant });
        tenant.EnsureSuccessStatusCode();
        var key = (await tenant.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("apiKey").GetString()!;
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        var urls = Enumerable.Range(0, sourceCount).Select(i => $"https://outlet{i}.example/feed.xml").ToList();
        await Parallel.ForEachAsync(urls, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (url, ct) =>
        {
            using var source = await api.PostAsJsonAsync("/api/sources", new { url }, ct);
            source.EnsureSuccessStatusCode();
        });
        return [.. urls.Select(u => StreamIdentity.ForSource(Tenant, u))];
    }

    /// <summary>Articles fetched over the last 29 days from the tenant's sources, fetched, deduplicated and tagged; waits until the services have projected them.</summary>
    private static async Task SeedHistoryAsync(IDocumentStore store, NpgsqlDataSource database, List<CorpusArticle> corpus, IReadOnlyList<Guid> sources,
        int count, Action<string> log)
    {
        var now = DateTimeOffset.UtcNow;
        for (var start = 0; start < count; start += 500)
        {
            await using var session = store.LightweightSession();
            for (var i = start; i < Math.Min(count, start + 500); i++)
            {
                var a = corpus[i % corpus.Count];
                var url = $"https://outlet{i % sources.Count}.example/{i}";
                var id = StreamIdentity.ForArticle(url);
                var at = now.AddDays(-29).AddSeconds(i * (28.0 * 86400 / Math.Max(1, count)));
                var entities = a.Entities.Select(e => new TaggedEntity("bench:" + e.Name, e.Name, (EntityType)((int)e.Kind % 4), 1, 0.5, [.. e.Aliases])).ToList();
                session.Events.StartStream(id,
                    new ArticleFetched(id, url, url, a.Title, a.Text, at, a.Source, sources[i % sources.Count], at, "bench", Language: a.Language),
                    new ArticleDeduplicated(id, DedupVerdict.Original, null, 0, id, at, "bench"),
                    new EntitiesTagged(id, entities, at, "bench"));
            }

            await session.SaveChangesAsync();
        }

        var clock = Stopwatch.StartNew();
        await using var projected = database.CreateCommand("select count(*) from mt_doc_article where fetched_at is not null");
        while ((long)(await projected.ExecuteScalarAsync())! < count && clock.Elapsed < TimeSpan.FromMinutes(5))
        {
            await Task.Delay(500);
        }

        log($"history: {count} articles appended and projected in {clock.Elapsed.TotalSeconds:0.0} s");
    }

    /// <summary>Until <paramref name="finished"/> backfill jobs are no longer running.</summary>
    private static async Task WaitJobsAsync(IDocumentStore store, int finished)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromMinutes(30))
        {
            await using var query = store.QuerySession();
            if (await query.Query<JobDocument>().CountAsync(j => j.Kind == JobKinds.SubscriptionBackfill && j.State != JobState.Running) >= finished)
            {
                return;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"{finished} backfill jobs had not finished after 30 minutes");
    }

    private static async Task WaitDrainedAsync(PipelineProbe probe)
    {
        var clock = Stopwatch.StartNew();
        while (!await probe.IsDrainedAsync() && clock.Elapsed < TimeSpan.FromMinutes(30))
        {
            await Task.Delay(200);
        }
    }

    private static string Load() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";
}
