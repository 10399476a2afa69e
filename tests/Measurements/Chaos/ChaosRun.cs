using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Marten;
using MediaMonitor.Alerting.Workload;
using MediaMonitor.ServiceDefaults;
using MediaMonitor.TestSupport;
using MediaMonitor.Text.Querying;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace MediaMonitor.Measurements.Chaos;

/// <summary>
/// deploy/local/chaos.sh: the five services as separate processes on the real servers chaos.sh started, a generated
/// newsroom of BBC articles (with syndicated copies) on 127.0.0.1, subscriptions that alert to a webhook receiver; while
/// the newsroom publishes, nine faults (<see cref="ChaosFaults"/>). Then it waits for the pipeline to go quiet and
/// checks (<see cref="ChaosVerdict"/>) the event store, the receiver, RabbitMQ's error queues, every service's
/// readiness and that every async projection and subscription shard reaches the newest event (<see cref="ProjectionCatchUp"/>). Arguments: [articles=5000] [seconds of publishing=420] [webhook 500 seconds=60] [webhook drop seconds=30].
/// Environment: MM_CHAOS_DIR and MM_CHAOS_PORT_BASE (the servers' folder and port base), the connection variables.
/// Ends with exactly: chaos: articles=N faults=N lost=N duplicate_alerts=N recovery_max_s=N
/// </summary>
public sealed class ChaosRun : IMeasurement
{
    private static readonly string[] Queries =
    [
        "government", "economy OR economic", "film", "football OR rugby", "election", "technology", "prices", "\"prime minister\"",
    ];

    /// <summary>How long, once the pipeline is quiet, every projection and subscription shard has to reach the newest event.</summary>
    private static readonly TimeSpan ProjectionWindow = TimeSpan.FromSeconds(120);

    public string Verb => "run";

    public string Kind => "chaos";

    public async Task<int> RunAsync(string[] args)
    {
        var articles = Arg(args, 0, 5000);
        var publishing = TimeSpan.FromSeconds(Arg(args, 1, 420));
        var serverError = TimeSpan.FromSeconds(Arg(args, 2, 60));
        var drop = TimeSpan.FromSeconds(Arg(args, 3, 30));
        var serverDirectory = Environment.GetEnvironmentVariable("MM_CHAOS_DIR") ?? throw new InvalidOperationException("MM_CHAOS_DIR is not set (run deploy/local/chaos.sh)");
        var portBase = int.Parse(Environment.GetEnvironmentVariable("MM_CHAOS_PORT_BASE") ?? throw new InvalidOperationException("MM_CHAOS_PORT_BASE is not set"), CultureInfo.InvariantCulture);
        var corpus = NewsCorpus.Load(Path.Combine(SharedData.Root ?? throw new InvalidOperationException(SharedData.SkipReason), "news-corpus-bbc-greene"))
            .Where(a => a.Text.Length > 600)
            .ToList();
        var log = (string line) => Console.WriteLine($"[{DateTime.UtcNow:HH:mm:ss}] {line}");

        await using var newsroom = await ChaosNewsroom.StartAsync(corpus, articles, Math.Max(8, articles / 125));
        await using var receiver = await FlakyWebhookReceiver.StartAsync();
        var adminKey = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(20));
        var logs = Path.Combine(serverDirectory, "logs");
        Directory.CreateDirectory(logs);
        var common = ServiceEnvironment();
        var services = ServiceProcess.AllFive(portBase, common, adminKey, logs);
        try
        {
            await ServiceProcess.StartAllAsync(services);

            log($"services ready; {newsroom.Outlets} outlets, {newsroom.Planned} articles to publish over {publishing.TotalSeconds:0} s");
            using var api = new HttpClient { BaseAddress = services[0].BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
            var subscriptions = await SetUpTenantAsync(api, adminKey, newsroom, receiver);
            await Task.Delay(TimeSpan.FromSeconds(5));

            using var probe = new PipelineProbe(portBase, common["ConnectionStrings__Postgres"]);
            var faults = new ChaosFaults(services, receiver, probe, serverDirectory, portBase, serverError, drop);
            var publishingTask = PublishAsync(newsroom, publishing);
            var faultTask = faults.RunAsync(publishing / 10, log);
            using var heartbeat = new CancellationTokenSource();
            var heartbeatTask = HeartbeatAsync(newsroom, receiver, probe, log, heartbeat.Token);
            await publishingTask;
            var injected = await faultTask;
            await heartbeat.CancelAsync();
            await heartbeatTask;
            log($"published {newsroom.Released.Count} articles; {injected.Count} faults; waiting for the pipeline to go quiet");

            using var host = EventStoreHost();
            var store = host.Services.GetRequiredService<IDocumentStore>();
            var database = host.Services.GetRequiredService<NpgsqlDataSource>();
            await WaitQuietAsync(database, newsroom, receiver, probe, log);
            var findings = await ChaosVerdict.CheckAsync(store, newsroom.Released, subscriptions, [.. receiver.Accepted]);
            var (newest, shards) = await ProjectionCatchUp.CheckAsync(database, ProjectionWindow, log);
            var errorQueues = await ErrorQueuesAsync(portBase);
            var unready = new List<string>();
            foreach (var service in services)
            {
                if (!await service.IsReadyAsync())
                {
                    unready.Add(service.Name);
                }
            }

            Report(findings, injected, receiver, errorQueues, unready);
            var stuck = shards.Where(p => p.Behind > 0).ToList();
            Console.WriteLine(stuck.Count == 0
                ? $"projections: all {shards.Count} shards reached the newest event {newest}"
                : $"projections: {stuck.Count} of {shards.Count} shards behind the newest event {newest} after {ProjectionWindow.TotalSeconds:0} s");
            foreach (var shard in stuck)
            {
                Console.WriteLine($"  projection {shard.Name}: {shard.Behind} events behind (at {shard.At})");
            }

            var recoveryMax = injected.Max(f => f.RecoverySeconds);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"chaos: articles={findings.Articles} faults={injected.Count} lost={findings.Lost} duplicate_alerts={findings.DuplicateAlerts} recovery_max_s={recoveryMax:0}"));
            return findings.Lost == 0 && findings.DuplicateAlerts == 0 && errorQueues.Count == 0 && unready.Count == 0 && stuck.Count == 0 ? 0 : 1;
        }
        finally
        {
            foreach (var service in services)
            {
                await service.DisposeAsync();
            }
        }
    }

    internal static Dictionary<string, string> ServiceEnvironment()
    {
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["EventStore__PollingMilliseconds"] = "20",
            ["Crawler__AllowedNetworks__0"] = "127.0.0.1/32",
            ["Alerting__AllowedNetworks__0"] = "127.0.0.1/32",
            ["Api__AllowedWebhookNetworks__0"] = "127.0.0.1/32",
            ["Crawler__PollIntervalSeconds"] = "2",
            ["Crawler__MinPollIntervalSeconds"] = "2",
            ["Crawler__MaxPollIntervalSeconds"] = "2",
            ["Crawler__MinHostDelayMilliseconds"] = "100",
            ["Alerting__Delivery__MaxPushesPerHour"] = "0",
            ["Alerting__Delivery__MaxBackoffSeconds"] = "30",
            ["Alerting__Delivery__SweepInterval"] = "00:00:05",
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information",
            // One key per run, as up.sh makes: the Api seals delivery secrets with it and Alerting opens them (the others ignore it).
            ["Secrets__Key"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
        };
        foreach (var key in new[] { "ConnectionStrings__Postgres", "RabbitMq__Host", "RabbitMq__Port", "RabbitMq__Username", "RabbitMq__Password", "RabbitMq__ManagementPort" })
        {
            environment[key] = Environment.GetEnvironmentVariable(key) ?? throw new InvalidOperationException($"{key} is not set (run deploy/local/chaos.sh)");
        }

        return environment;
    }

    private static async Task<Dictionary<Guid, Query>> SetUpTenantAsync(HttpClient api, string adminKey, ChaosNewsroom newsroom, FlakyWebhookReceiver receiver)
    {
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", adminKey);
        using var tenant = await api.PostAsJsonAsync("/api/tenants", new { name = "Chaos newsroom watch", tenantId = "chaos" });
        tenant.EnsureSuccessStatusCode();
        var key = (await tenant.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("apiKey").GetString()!;
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        foreach (var feed in newsroom.FeedUrls)
        {
            using var source = await api.PostAsJsonAsync("/api/sources", new { url = feed.ToString() });
            source.EnsureSuccessStatusCode();
        }

        var subscriptions = new Dictionary<Guid, Query>();
        foreach (var query in Queries)
        {
            using var created = await api.PostAsJsonAsync("/api/subscriptions", new { name = "chaos: " + query, query, webhookUrl = receiver.Url.ToString() });
            created.EnsureSuccessStatusCode();
            var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
            subscriptions[id] = QueryParser.Parse(query).Query!;
        }

        return subscriptions;
    }

    /// <summary>Every 20 s while the faults run: articles released, webhooks accepted, where work waits.</summary>
    private static async Task HeartbeatAsync(ChaosNewsroom newsroom, FlakyWebhookReceiver receiver, PipelineProbe probe, Action<string> log, CancellationToken stop)
    {
        try
        {
            while (!stop.IsCancellationRequested)
            {
                await Task.Delay(TimeSpan.FromSeconds(20), stop);
                log($"released {newsroom.Released.Count}, webhooks accepted {receiver.Accepted.Count} (receiver {receiver.Current}); {await probe.DescribeAsync()}");
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static async Task PublishAsync(ChaosNewsroom newsroom, TimeSpan over)
    {
        var clock = Stopwatch.StartNew();
        var perArticle = over / newsroom.Planned;
        for (var i = 1; newsroom.ReleaseNext(); i++)
        {
            var due = perArticle * i - clock.Elapsed;
            if (due > TimeSpan.Zero)
            {
                await Task.Delay(due);
            }
        }
    }

    /// <summary>Until every released article is tagged, every raised alert of the run reached the receiver and nothing changed for 30 s (at most 15 minutes).</summary>
    private static async Task WaitQuietAsync(NpgsqlDataSource database, ChaosNewsroom newsroom, FlakyWebhookReceiver receiver, PipelineProbe probe, Action<string> log)
    {
        var ids = newsroom.Released.Select(r => Contracts.StreamIdentity.ForArticle(r.Url)).Distinct().ToArray();
        var clock = Stopwatch.StartNew();
        var last = (-1L, -1L, -1);
        var stableSince = clock.Elapsed;
        while (clock.Elapsed < TimeSpan.FromMinutes(15))
        {
            await using var count = database.CreateCommand(
                "select (select count(distinct stream_id) from mt_events where type = 'entities_tagged' and stream_id = any(@ids)), " +
                "(select count(*) from mt_events where type = 'alert_raised')");
            count.Parameters.AddWithValue("ids", ids);
            await using var reader = await count.ExecuteReaderAsync();
            await reader.ReadAsync();
            var now = (reader.GetInt64(0), reader.GetInt64(1), receiver.Accepted.Select(a => a.AlertId).Distinct().Count());
            if (now != last)
            {
                log($"tagged {now.Item1}/{ids.Length} articles, {now.Item2} alerts raised, {now.Item3} delivered; {await probe.DescribeAsync()}");
                (last, stableSince) = (now, clock.Elapsed);
            }
            else if (clock.Elapsed - stableSince > TimeSpan.FromSeconds(30) || (now.Item1 == ids.Length && now.Item2 == now.Item3 && clock.Elapsed - stableSince > TimeSpan.FromSeconds(10)))
            {
                return;
            }

            await Task.Delay(TimeSpan.FromSeconds(2));
        }
    }

    internal static IHost EventStoreHost(string? connectionString = null)
    {
        var builder = Host.CreateApplicationBuilder();
        var settings = new Dictionary<string, string?> { ["EventStore:DaemonMode"] = "Disabled" };
        if (connectionString is not null)
        {
            settings["ConnectionStrings:Postgres"] = connectionString;
        }

        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddEventStore();
        return builder.Build();
    }

    internal static async Task<Dictionary<string, long>> ErrorQueuesAsync(int portBase)
    {
        using var management = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{portBase + 2}") };
        management.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String("guest:guest"u8.ToArray()));
        var queues = await management.GetFromJsonAsync<JsonElement>("/api/queues");
        return queues.EnumerateArray()
            .Where(q => q.GetProperty("name").GetString() is { } name && (name.EndsWith("_error", StringComparison.Ordinal) || name.EndsWith("_skipped", StringComparison.Ordinal)))
            .Where(q => q.TryGetProperty("messages", out var m) && m.GetInt64() > 0)
            .ToDictionary(q => q.GetProperty("name").GetString()!, q => q.GetProperty("messages").GetInt64());
    }

    private static void Report(ChaosFindings findings, List<InjectedFault> faults, FlakyWebhookReceiver receiver, Dictionary<string, long> errorQueues, List<string> unready)
    {
        foreach (var fault in faults)
        {
            Console.WriteLine($"  fault {fault.At:HH:mm:ss} {fault.Name}: recovered in {fault.RecoverySeconds:0.0} s");
        }

        Console.WriteLine($"articles: {findings.Articles} released, {findings.IncompleteArticles} without their complete history");
        Console.WriteLine($"alerts: {findings.ExpectedAlerts} expected (subscription, story) pairs, {findings.MissingAlerts} never raised, " +
            $"{findings.UnexpectedAlerts} raised beyond them, {findings.UndeliveredAlerts} raised but never delivered");
        Console.WriteLine($"webhook: {receiver.Accepted.Count} accepted, {receiver.Refused} refused during the faults, {findings.Redeliveries} redeliveries of a key already accepted, " +
            $"{findings.DuplicateAlerts} second alerts for a (subscription, story)");
        Console.WriteLine(errorQueues.Count == 0 ? "error queues: empty" : "error queues: " + string.Join(", ", errorQueues.Select(q => $"{q.Key}={q.Value}")));
        Console.WriteLine(unready.Count == 0 ? "services: all ready" : "services not ready: " + string.Join(", ", unready));
        foreach (var example in findings.Examples)
        {
            Console.WriteLine("  " + example);
        }
    }

    private static int Arg(string[] args, int index, int fallback) =>
        args.Length > index ? int.Parse(args[index], CultureInfo.InvariantCulture) : fallback;
}
