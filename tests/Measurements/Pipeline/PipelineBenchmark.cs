using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Marten;
using MediaMonitor.Alerting.Workload;
using MediaMonitor.Contracts;
using MediaMonitor.Measurements.Chaos;
using MediaMonitor.TestSupport;
using MediaMonitor.Text.Querying;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace MediaMonitor.Measurements.PipelineRun;

/// <summary>
/// bench pipeline: the whole system as an operator runs it, on the servers bench.sh started. The five services as
/// separate processes; a newsroom of <c>feeds</c> outlets, each on its own loopback address, publishing BBC articles
/// with syndicated copies; <c>subscriptions</c> generated queries of every shape (recorded in the inbox) plus one probe
/// subscription ("said") whose webhook times each article. A steady phase (rate articles/s for seconds) gives the feed
/// discovery lag and the publish -> webhook latency; a burst phase (every remaining article at once) gives the
/// sustained rate end to end (from the first discovery until every queue is empty and every subscription and projection
/// has caught up) and each service's CPU seconds per 1,000 articles, whose inverse is the stage's rate per
/// core in this run; then 60 s idle. Raw RabbitMQ.Client and Marten append rates are measured first on the same servers.
/// The set-up's own work is waited out first (each new subscription's backfill job, over an empty history here, and the
/// relays catching up; its end is logged), so no phase measures 10,000 backfill jobs beside its articles.
/// Before the steady phase a warm-up at the same rate (MM_PIPELINE_WARMUP_SECONDS, 30 s by default; 0 for none) takes the
/// services from their first article to code the runtime has tiered up: its latencies and CPU are printed apart, so the
/// steady figures are those of running services and the cold start is still shown.
/// Arguments: [feeds=2000] [subscriptions=10000] [rate=20] [seconds=60] [burst=3000] [poll seconds=60] [websub]. With
/// websub every outlet runs a WebSub hub on its site and advertises it in its feed (<see cref="OutletHub"/>); the Crawler
/// subscribes to each on its first poll (its callback on its own port), the steady phase starts once every outlet's hub
/// has verified its subscriber, and each article is pushed as it is released (polling falls back to the Crawler's slow
/// interval while a lease holds), so the discovery and alert latencies are those of push, not of the poll interval.
/// Ends with exactly: pipeline: feeds=N articles_per_s=N bottleneck_stage_per_s=N ratio=0.xxx discovery_p99_ms=N alert_p99_ms=N lost=N duplicate_alerts=N max_rss_mb=N idle_cpu_pct=N
/// </summary>
public sealed class PipelineBenchmark : IMeasurement
{
    private const string ProbeQuery = "said";
    private static readonly string[] Stages = ["Crawler", "Deduplication", "EntityTagging", "Alerting"];
    private static readonly string[] HopConsumers = ["ArticleFetchedConsumer", "TagArticleConsumer", "ArticleMatchingConsumer", "WebhookDeliveryConsumer"];

    /// <summary>How often a feed whose hub pushes is still polled (the Crawler's default, a safety net for lost pushes).</summary>
    private const int WhileSubscribedPollSeconds = 900;

    public string Verb => "bench";

    public string Kind => "pipeline";

    public async Task<int> RunAsync(string[] args)
    {
        int Arg(int i, int fallback) => args.Length > i ? int.Parse(args[i], CultureInfo.InvariantCulture) : fallback;
        var (feeds, subscriptionCount, rate, seconds, burst, poll) = (Arg(0, 2000), Arg(1, 10_000), Arg(2, 20), Arg(3, 60), Arg(4, 3000), Arg(5, 60));
        var webSub = args.Length > 6 && (args[6] == "websub" ? true : throw new ArgumentException($"the seventh argument is websub or nothing, not {args[6]}"));
        var directory = Environment.GetEnvironmentVariable("MM_PIPELINE_DIR") ?? throw new InvalidOperationException("MM_PIPELINE_DIR is not set (run deploy/local/bench.sh pipeline)");
        var portBase = int.Parse(Environment.GetEnvironmentVariable("MM_PIPELINE_PORT_BASE") ?? throw new InvalidOperationException("MM_PIPELINE_PORT_BASE is not set"), CultureInfo.InvariantCulture);
        var log = (string line) => Console.WriteLine($"[{DateTime.UtcNow:HH:mm:ss}] {line}");
        var corpus = NewsCorpus.Load(Path.Combine(SharedData.Root ?? throw new InvalidOperationException(SharedData.SkipReason), "news-corpus-bbc-greene"))
            .Where(a => a.Text.Length > 600).ToList();

        log($"load average {Load()}; raw limits on these servers:");
        var rabbit = await RawLimits.RabbitMqPublishConsumePerSecondAsync(20_000);
        var (marten, martenFirst) = await RawLimits.MartenAppendPerSecondAsync(20_000);
        log($"  RabbitMQ.Client publish (confirmed) + consume, 1 KB: {rabbit:0} messages/s; Marten append, one event per new stream, batches of 100: {marten:0} events/s (after 2,000 untimed, which ran at {martenFirst:0} events/s: Marten's code generation, the JIT, the first connections)");

        var steadyArticles = rate * seconds;
        var warmUpSeconds = int.Parse(Environment.GetEnvironmentVariable("MM_PIPELINE_WARMUP_SECONDS") ?? "30", CultureInfo.InvariantCulture);
        var warmUpArticles = rate * warmUpSeconds;
        await using var newsroom = await ChaosNewsroom.StartAsync(corpus, warmUpArticles + steadyArticles + burst, feeds, ownAddresses: true, webSub);
        await using var receiver = await FlakyWebhookReceiver.StartAsync();
        var adminKey = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(20));
        var logs = Path.Combine(directory, "logs");
        Directory.CreateDirectory(logs);
        var common = ChaosRun.ServiceEnvironment();
        common["Crawler__AllowedNetworks__0"] = "127.0.0.0/8";
        common["Crawler__PollIntervalSeconds"] = poll.ToString(CultureInfo.InvariantCulture);
        common["Crawler__MinPollIntervalSeconds"] = poll.ToString(CultureInfo.InvariantCulture);
        common["Crawler__MaxPollIntervalSeconds"] = poll.ToString(CultureInfo.InvariantCulture);
        common["Crawler__MinHostDelayMilliseconds"] = "1000";
        if (webSub)
        {
            common["Crawler__WebSub__CallbackBaseUrl"] = ServiceProcess.BaseAddressOf("Crawler", portBase).ToString();
            common["Crawler__WebSub__PollIntervalWhileSubscribedSeconds"] = WhileSubscribedPollSeconds.ToString(CultureInfo.InvariantCulture);
        }

        var services = ServiceProcess.AllFive(portBase, common, adminKey, logs).ToDictionary(s => s.Name);
        try
        {
            await ServiceProcess.StartAllAsync(services.Values);

            using var api = new HttpClient { BaseAddress = services["Api"].BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
            var clock = Stopwatch.StartNew();
            var (probe, sample) = await SetUpAsync(api, adminKey, newsroom, receiver, corpus, subscriptionCount);
            log($"tenant, {feeds} sources and {subscriptionCount} subscriptions + the probe created in {clock.Elapsed.TotalSeconds:0} s; waiting one poll interval");
            await Task.Delay(TimeSpan.FromSeconds(poll + 5));
            if (webSub)
            {
                await WaitSubscribedAsync(newsroom, TimeSpan.FromSeconds(poll * 2 + 120), log);
            }

            using var host = ChaosRun.EventStoreHost();
            var database = host.Services.GetRequiredService<NpgsqlDataSource>();
            using var pipelineProbe = new PipelineProbe(portBase, common["ConnectionStrings__Postgres"]);

            // The set-up's own work first: each new subscription's backfill job (over an empty history here) and the
            // relays catching up, so the measured phases see only the articles.
            log("  before the warm-up: " + await pipelineProbe.DescribeAsync());
            await WaitDrainedAsync(pipelineProbe, TimeSpan.FromMinutes(20), log);
            log($"  set-up drained (backfill jobs done, every subscription caught up) {clock.Elapsed.TotalSeconds:0} s after the set-up began");

            // Warm-up: the services' first articles, at the steady rate.
            var warmUpCpuBefore = ServerCpu.Take(services.Values, directory);
            if (warmUpArticles > 0)
            {
                log($"warm-up: {rate} articles/s for {warmUpSeconds} s");
                await PublishAsync(newsroom, warmUpArticles, TimeSpan.FromSeconds(warmUpSeconds));
                await WaitTaggedAsync(database, newsroom, TimeSpan.FromSeconds(poll * 3 + 120), log);
            }

            var warmUpCpu = ServerCpu.Take(services.Values, directory).Since(warmUpCpuBefore, Math.Max(1, warmUpArticles));

            // Steady phase.
            log($"steady: {rate} articles/s for {seconds} s");
            var steadyStart = DateTimeOffset.UtcNow;
            var steadyCpuBefore = ServerCpu.Take(services.Values, directory);
            var steadyTimingsBefore = await ConsumerTimings.ReadAsync(services.Values);
            await PublishAsync(newsroom, steadyArticles, TimeSpan.FromSeconds(seconds));
            await WaitTaggedAsync(database, newsroom, TimeSpan.FromSeconds(poll * 3 + 120), log);
            var steadyCpu = ServerCpu.Take(services.Values, directory).Since(steadyCpuBefore, steadyArticles);
            var steadyGaps = await SequenceGapsAsync(database, steadyStart, DateTimeOffset.UtcNow);
            var steadyTimings = ConsumerTimings.Between(steadyTimingsBefore, await ConsumerTimings.ReadAsync(services.Values), HopConsumers);

            // Burst phase.
            var burstCpuBefore = ServerCpu.Take(services.Values, directory);
            var cpuBefore = burstCpuBefore.ByProcess;
            var burstFrom = newsroom.Released.Count;
            log($"burst: {burst} articles at once");
            await PublishAsync(newsroom, burst, TimeSpan.Zero);
            await WaitTaggedAsync(database, newsroom, TimeSpan.FromMinutes(30), log);
            var drainedAt = await WaitDrainedAsync(pipelineProbe, TimeSpan.FromMinutes(30), log);
            await WaitDeliveredAsync(receiver, TimeSpan.FromSeconds(30));
            var burstCpuAfter = ServerCpu.Take(services.Values, directory);
            var cpuAfter = burstCpuAfter.ByProcess;
            var burstCpu = burstCpuAfter.Since(burstCpuBefore, burst);
            var released = newsroom.Released.ToList();
            var burstIds = released.Skip(burstFrom).Select(r => StreamIdentity.ForArticle(r.Url)).ToArray();
            var (firstDiscovered, lastTagged) = await SpanAsync(database, burstIds);
            var taggedPerSecond = burstIds.Length / (lastTagged - firstDiscovered).TotalSeconds;
            var articlesPerSecond = burstIds.Length / ((drainedAt > lastTagged ? drainedAt : lastTagged) - firstDiscovered).TotalSeconds;
            var stageRates = Stages.ToDictionary(s => s, s => burstIds.Length / Math.Max(0.001, cpuAfter[s] - cpuBefore[s]));
            var bottleneck = stageRates.MinBy(p => p.Value);

            // Latencies of the steady phase.
            var warmUpReleasedAt = released.Take(warmUpArticles).ToDictionary(r => StreamIdentity.ForArticle(r.Url), r => r.ReleasedAt);
            var warmUpAlertLatency = ProbeLatencies(receiver, probe, warmUpReleasedAt);
            var steady = released.Skip(warmUpArticles).Take(steadyArticles).ToList();
            var releasedAt = steady.ToDictionary(r => StreamIdentity.ForArticle(r.Url), r => r.ReleasedAt);
            var arrivals = await ArrivalsAsync(database, releasedAt);
            var discovery = arrivals.Values.Select(a => a.Discovered).ToList();
            var stored = arrivals.Values.Select(a => a.Stored).ToList();
            var alertLatency = ProbeLatencies(receiver, probe, releasedAt);
            var stages = await AlertStages.MeasureAsync(database, probe, releasedAt, receiver.Accepted);

            // Lost and doubled, on the probe and a sample of the generated subscriptions.
            var store = host.Services.GetRequiredService<IDocumentStore>();
            var checkedSubscriptions = new Dictionary<Guid, Query>(sample) { [probe] = QueryParser.Parse(ProbeQuery).Query! };
            var findings = await ChaosVerdict.CheckAsync(store, released, checkedSubscriptions, [.. receiver.Accepted], sample.Keys.ToHashSet());

            // Idle.
            await Task.Delay(TimeSpan.FromSeconds(5));
            var idleBefore = services.Values.ToDictionary(s => s.Name, s => s.CpuSeconds());
            await Task.Delay(TimeSpan.FromSeconds(60));
            var idleByService = services.Values.ToDictionary(s => s.Name, s => (s.CpuSeconds() - idleBefore[s.Name]) / 60 * 100);
            var idlePercent = idleByService.Values.Sum();
            var rss = services.Values.ToDictionary(s => s.Name, s => s.PeakRssMegabytes());

            Console.WriteLine($"load average {Load()}");
            Console.WriteLine($"limits: RabbitMQ.Client {rabbit:0} messages/s, Marten append {marten:0} events/s");
            if (warmUpArticles > 0)
            {
                Console.WriteLine($"warm-up ({rate}/s for {warmUpSeconds} s, the services' first articles; not in the steady figures): publish -> webhook " +
                    $"p50 {Pct(warmUpAlertLatency, 50):0} ms p99 {Pct(warmUpAlertLatency, 99):0} ms over {warmUpAlertLatency.Count} probe alerts; where the cores went: {warmUpCpu}");
            }

            Console.WriteLine($"steady ({rate}/s for {seconds} s, {(webSub ? $"WebSub push from {newsroom.OutletsWithSubscribers} of {feeds} outlets' hubs, polls slowed while subscribed" : $"poll every {poll} s")}): feed discovery lag (release -> the poll or push that listed it, ArticleDiscovered.DiscoveredAt) p50 {Pct(discovery, 50):0} ms p99 {Pct(discovery, 99):0} ms over {discovery.Count} articles; " +
                $"release -> page fetched and stored (the stream's first event) p50 {Pct(stored, 50):0} ms p99 {Pct(stored, 99):0} ms; " +
                $"publish -> webhook p50 {Pct(alertLatency, 50):0} ms p99 {Pct(alertLatency, 99):0} ms over {alertLatency.Count} probe alerts");
            var probeArticles = receiver.Accepted.Where(a => a.SubscriptionId == probe).Select(a => a.ArticleId).ToHashSet();
            var soonAfter = steady.GroupBy(r => r.Outlet).Select(g => g.OrderBy(r => r.ReleasedAt).ToList())
                .Sum(o => o.Zip(o.Skip(1)).Count(p => p.Second.ReleasedAt - p.First.ReleasedAt < TimeSpan.FromSeconds(1)));
            Console.WriteLine($"steady: {soonAfter} of {steady.Count} articles released less than 1 s after their outlet's previous one " +
                "(their page fetch waits out the Crawler's per-host delay, Crawler:MinHostDelayMilliseconds, 1 s by default)");
            Console.WriteLine("steady, release -> each arrival, p50 / p99 ms: " + Arrivals("all articles", arrivals.Values) + "; " +
                Arrivals("the probe's alerted articles", arrivals.Where(p => probeArticles.Contains(p.Key)).Select(p => p.Value)));
            Console.WriteLine($"steady, publish -> webhook by stage over {stages[0].Count} probe alerts, p50 / p99 ms (each stage includes its relay hop and queue): " +
                string.Join("; ", AlertStages.Names.Select((name, i) => $"{name} {Pct(stages[i], 50):0} / {Pct(stages[i], 99):0}")));
            Console.WriteLine($"steady: {steadyGaps.Gaps} gaps in the event sequence ({steadyGaps.Missing} numbers drawn by transactions that rolled back) " +
                $"among {steadyGaps.Events} events appended; each holds every service's daemon until it is judged stale (EventStore:StaleSequenceThresholdMilliseconds)");
            Console.WriteLine($"steady, each hop's consumer (MassTransit's histograms, ms; delivery = relay publish -> consumer start, consume = the work with its waits): {steadyTimings}");
            Console.WriteLine($"burst ({burstIds.Length} articles): {articlesPerSecond:0.0} articles/s end to end (first discovered -> every queue empty and every " +
                $"subscription caught up, {(drainedAt - lastTagged).TotalSeconds:0} s after the last was tagged); {taggedPerSecond:0.0} articles/s to the last tagged");
            foreach (var (stage, perSecond) in stageRates)
            {
                Console.WriteLine($"  {stage}: {(cpuAfter[stage] - cpuBefore[stage]) / burstIds.Length * 1000:0.0} CPU s per 1,000 articles = {perSecond:0.0} articles per CPU-second");
            }

            Console.WriteLine($"  Api: {(cpuAfter["Api"] - cpuBefore["Api"]) / burstIds.Length * 1000:0.0} CPU s per 1,000 articles (its projections)");
            Console.WriteLine($"where the cores went, steady phase (release to the last tagged): {steadyCpu}");
            Console.WriteLine($"where the cores went, burst (release to drained): {burstCpu}");
            Console.WriteLine("peak RSS: " + string.Join(", ", rss.Select(p => $"{p.Key} {p.Value:0} MB")));
            Console.WriteLine($"idle 60 s (no new articles; the Crawler still polls {feeds} feeds every {(webSub ? $"{WhileSubscribedPollSeconds} s while subscribed" : $"{poll} s")}): the five services used {idlePercent:0.0}% of one core: " +
                string.Join(", ", idleByService.Select(p => $"{p.Key} {p.Value:0.0}%")));
            Console.WriteLine($"checked: {findings.ExpectedAlerts} expected alerts of the probe and {sample.Count} sampled subscriptions, {findings.MissingAlerts} never raised, {findings.UndeliveredAlerts} probe alerts never delivered; " +
                $"{findings.IncompleteArticles} of {findings.Articles} articles without their complete history");
            foreach (var example in findings.Examples)
            {
                Console.WriteLine("  " + example);
            }

            var failedPushes = newsroom.FailedPushes.ToList();
            if (webSub)
            {
                Console.WriteLine($"hubs: {failedPushes.Count} pushes or verifications failed" + string.Concat(failedPushes.Take(5).Select(f => "; " + f)));
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"pipeline: feeds={feeds} articles_per_s={articlesPerSecond:0.0} bottleneck_stage_per_s={bottleneck.Value:0.0} ratio={articlesPerSecond / bottleneck.Value:0.000} discovery_p99_ms={Pct(discovery, 99):0} alert_p99_ms={Pct(alertLatency, 99):0} lost={findings.Lost} duplicate_alerts={findings.DuplicateAlerts} max_rss_mb={rss.Values.Max():0} idle_cpu_pct={idlePercent:0.0}"));
            return 0;
        }
        finally
        {
            foreach (var service in services.Values)
            {
                await service.DisposeAsync();
            }
        }
    }

    /// <summary>Release -> the probe's first webhook for each of these articles it was alerted for, ms.</summary>
    private static List<double> ProbeLatencies(FlakyWebhookReceiver receiver, Guid probe, Dictionary<Guid, DateTimeOffset> releasedAt) =>
        receiver.Accepted.Where(a => a.SubscriptionId == probe && releasedAt.ContainsKey(a.ArticleId))
            .GroupBy(a => a.ArticleId).Select(g => (g.Min(a => a.At) - releasedAt[g.Key]).TotalMilliseconds).ToList();

    private static async Task<(Guid Probe, Dictionary<Guid, Query> Sample)> SetUpAsync(
        HttpClient api, string adminKey, ChaosNewsroom newsroom, FlakyWebhookReceiver receiver, IReadOnlyList<CorpusArticle> corpus, int count)
    {
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", adminKey);
        using var tenant = await api.PostAsJsonAsync("/api/tenants", new { name = "Pipeline benchmark", tenantId = "pipeline" });
        tenant.EnsureSuccessStatusCode();
        var key = (await tenant.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("apiKey").GetString()!;
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        await Parallel.ForEachAsync(newsroom.FeedUrls, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (feed, ct) =>
        {
            using var source = await api.PostAsJsonAsync("/api/sources", new { url = feed.ToString() }, ct);
            source.EnsureSuccessStatusCode();
        });

        using var created = await api.PostAsJsonAsync("/api/subscriptions", new { name = "probe", query = ProbeQuery, webhookUrl = receiver.Url.ToString() });
        created.EnsureSuccessStatusCode();
        var probe = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var generator = new SubscriptionGenerator(corpus, seed: 7);
        var queries = Enumerable.Range(0, count).Select(generator.Next).ToList();
        var ids = new Guid[count];
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
        {
            using var response = await api.PostAsJsonAsync("/api/subscriptions", new { name = $"generated {i}", query = queries[i] }, ct);
            response.EnsureSuccessStatusCode();
            ids[i] = (await response.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("id").GetGuid();
        });

        var sample = Enumerable.Range(0, count).Where(i => i % Math.Max(1, count / 200) == 0)
            .ToDictionary(i => ids[i], i => QueryParser.Parse(queries[i]).Query!);
        return (probe, sample);
    }

    private static async Task PublishAsync(ChaosNewsroom newsroom, int articles, TimeSpan over)
    {
        var clock = Stopwatch.StartNew();
        var perArticle = over / Math.Max(1, articles);
        for (var i = 1; i <= articles && newsroom.ReleaseNext(); i++)
        {
            var due = perArticle * i - clock.Elapsed;
            if (due > TimeSpan.Zero)
            {
                await Task.Delay(due);
            }
        }
    }

    /// <summary>Waits until every outlet's hub has verified the Crawler's subscription (it subscribes when its poll finds the hub).</summary>
    private static async Task WaitSubscribedAsync(ChaosNewsroom newsroom, TimeSpan timeout, Action<string> log)
    {
        var clock = Stopwatch.StartNew();
        while (newsroom.OutletsWithSubscribers < newsroom.Outlets && clock.Elapsed < timeout)
        {
            log($"  WebSub: {newsroom.OutletsWithSubscribers}/{newsroom.Outlets} outlets' hubs have verified the Crawler's subscription");
            await Task.Delay(TimeSpan.FromSeconds(10));
        }

        log($"  WebSub: {newsroom.OutletsWithSubscribers}/{newsroom.Outlets} outlets' hubs verified after {clock.Elapsed.TotalSeconds:0} s");
    }

    private static async Task WaitTaggedAsync(NpgsqlDataSource database, ChaosNewsroom newsroom, TimeSpan timeout, Action<string> log)
    {
        var ids = newsroom.Released.Select(r => StreamIdentity.ForArticle(r.Url)).Distinct().ToArray();
        var clock = Stopwatch.StartNew();
        var last = -1L;
        while (clock.Elapsed < timeout)
        {
            await using var count = database.CreateCommand("select count(distinct stream_id) from mt_events where type = 'entities_tagged' and stream_id = any(@ids)");
            count.Parameters.AddWithValue("ids", ids);
            var tagged = (long)(await count.ExecuteScalarAsync())!;
            if (tagged != last && clock.Elapsed.TotalSeconds % 10 < 2)
            {
                log($"  tagged {tagged}/{ids.Length}");
            }

            last = tagged;
            if (tagged >= ids.Length)
            {
                return;
            }

            await Task.Delay(TimeSpan.FromSeconds(2));
        }

        log($"  gave up waiting after {timeout.TotalSeconds:0} s: {last}/{ids.Length} tagged");
    }

    /// <summary>
    /// Waits until every service has done the work it was given (no message in any queue, no subscription behind the
    /// newest event) and returns when that was first seen, checked every second: the end of a burst end to end, which
    /// the last tagging is not while Alerting still matches.
    /// </summary>
    private static async Task<DateTimeOffset> WaitDrainedAsync(PipelineProbe probe, TimeSpan timeout, Action<string> log)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (await probe.IsDrainedAsync())
            {
                return DateTimeOffset.UtcNow;
            }

            if (clock.Elapsed.TotalSeconds % 30 < 1)
            {
                log("  draining: " + await probe.DescribeAsync());
            }

            await Task.Delay(TimeSpan.FromSeconds(1));
        }

        log($"  gave up waiting for the services to drain after {timeout.TotalSeconds:0} s: " + await probe.DescribeAsync());
        return DateTimeOffset.UtcNow;
    }

    private static async Task WaitDeliveredAsync(FlakyWebhookReceiver receiver, TimeSpan quiet)
    {
        var last = -1;
        var since = Stopwatch.StartNew();
        while (since.Elapsed < quiet)
        {
            await Task.Delay(1000);
            if (receiver.Accepted.Count != last)
            {
                (last, since) = (receiver.Accepted.Count, Stopwatch.StartNew());
            }
        }
    }

    private static async Task<(DateTimeOffset FirstDiscovered, DateTimeOffset LastTagged)> SpanAsync(NpgsqlDataSource database, Guid[] ids)
    {
        await using var span = database.CreateCommand(
            "select min(timestamp) filter (where type = 'article_discovered'), max(timestamp) filter (where type = 'entities_tagged') from mt_events where stream_id = any(@ids)");
        span.Parameters.AddWithValue("ids", ids);
        await using var reader = await span.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetFieldValue<DateTimeOffset>(0), reader.GetFieldValue<DateTimeOffset>(1));
    }

    /// <summary>
    /// Per released article, ms after its release: the feed discovery lag (DiscoveredAt, when the crawler read the feed
    /// or took the push listing it), the commit of its ArticleDiscovered (the stream's first event: its page fetched,
    /// after the host's politeness delays behind the same poll's earlier items, extracted and appended) and of its
    /// ArticleFetched (the same commit, unless the store's clock says otherwise).
    /// </summary>
    private static async Task<Dictionary<Guid, (double Discovered, double Stored, double Fetched)>> ArrivalsAsync(
        NpgsqlDataSource database, Dictionary<Guid, DateTimeOffset> releasedAt)
    {
        await using var command = database.CreateCommand(
            "select stream_id, min((data ->> 'DiscoveredAt')::timestamptz) filter (where type = 'article_discovered'), " +
            "min(timestamp) filter (where type = 'article_discovered'), min(timestamp) filter (where type = 'article_fetched') " +
            "from mt_events where stream_id = any(@ids) and type in ('article_discovered', 'article_fetched') group by stream_id " +
            "having count(*) filter (where type = 'article_discovered') > 0");
        command.Parameters.AddWithValue("ids", releasedAt.Keys.ToArray());
        await using var reader = await command.ExecuteReaderAsync();
        var arrivals = new Dictionary<Guid, (double, double, double)>();
        while (await reader.ReadAsync())
        {
            var released = releasedAt[reader.GetGuid(0)];
            double Since(int column) => reader.IsDBNull(column) ? double.NaN : (reader.GetFieldValue<DateTimeOffset>(column) - released).TotalMilliseconds;
            arrivals[reader.GetGuid(0)] = (Since(1), Since(2), Since(3));
        }

        return arrivals;
    }

    private static string Arrivals(string which, IEnumerable<(double Discovered, double Stored, double Fetched)> arrivals)
    {
        var list = arrivals.ToList();
        var fetched = list.Select(a => a.Fetched).Where(v => !double.IsNaN(v)).ToList();
        return $"{which} ({list.Count}): DiscoveredAt {Pct([.. list.Select(a => a.Discovered)], 50):0} / {Pct([.. list.Select(a => a.Discovered)], 99):0}, " +
            $"ArticleDiscovered committed {Pct([.. list.Select(a => a.Stored)], 50):0} / {Pct([.. list.Select(a => a.Stored)], 99):0}, " +
            $"ArticleFetched committed ({fetched.Count}) {Pct(fetched, 50):0} / {Pct(fetched, 99):0}";
    }

    /// <summary>Holes in mt_events' sequence among the events stored between two instants: numbers drawn by rolled-back appends.</summary>
    private static async Task<(long Events, long Gaps, long Missing)> SequenceGapsAsync(NpgsqlDataSource database, DateTimeOffset from, DateTimeOffset to)
    {
        await using var command = database.CreateCommand(
            "select count(*), count(*) filter (where next - seq_id > 1), coalesce(sum(next - seq_id - 1) filter (where next - seq_id > 1), 0) " +
            "from (select seq_id, lead(seq_id) over (order by seq_id) as next from mt_events where timestamp between @from and @to) s");
        command.Parameters.AddWithValue("from", from);
        command.Parameters.AddWithValue("to", to);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
    }

    private static double Pct(List<double> values, int percent) => Percentiles.At([.. values.Order()], percent / 100.0);

    private static string Load() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";
}
