using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Marten;
using MediaMonitor.Alerting.Workload;
using MediaMonitor.Contracts.Crawler;
using MediaMonitor.Contracts;
using MediaMonitor.Crawler;
using Microsoft.Extensions.DependencyInjection;
using MediaMonitor.TestSupport;

namespace MediaMonitor.Measurements;

/// <summary>
/// End-to-end alert latency on the real servers: the five services in this process (<see cref="Pipeline"/>), one tenant,
/// one feed on 127.0.0.1 (<see cref="ArticleFeedSite"/>) and one subscription whose webhook is a local receiver. N real
/// BBC articles (distinct stories, each matching the subscription) are published into the feed at a steady pace; per
/// article it times published-in-feed to webhook received and ArticleFetched (commit) to webhook received, each hop
/// between the article's events, and, after the pipeline has stopped, the bare relay hop (<see cref="RelayProbe"/>).
/// Every article must be pushed exactly once (POSTs counted by Idempotency-Key), else it exits 1.
/// Arguments: [N=100] [articles per second=2] [Crawler:PollIntervalSeconds=1] [Crawler:MinHostDelayMilliseconds=0] [websub]:
/// with websub the feed advertises a WebSub hub on the outlet (<see cref="ArticleFeedSite"/>), the Crawler subscribes
/// (its callback on its own listener), and every article is pushed to it as it is published; the measured articles are
/// published only once the hub has verified the subscription, so a poll interval well above the run's length shows
/// the push path alone.
/// Ends with: alert-latency: articles=N fetched_to_alert_p50_ms=N fetched_to_alert_p99_ms=N published_to_alert_p50_ms=N published_to_alert_p99_ms=N relay_hop_p50_ms=N
/// </summary>
public sealed class AlertLatencyBenchmark : IMeasurement
{
    private const string Query = "said";
    private const int WarmupArticles = 2;

    public string Verb => "bench";

    public string Kind => "alert-latency";

    public async Task<int> RunAsync(string[] args)
    {
        var count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100;
        var perSecond = args.Length > 1 ? double.Parse(args[1], CultureInfo.InvariantCulture) : 2.0;
        var crawler = new CrawlerSettings(
            args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 1,
            args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 0,
            args.Contains("websub", StringComparer.Ordinal));
        if (SharedData.Root is null)
        {
            Console.Error.WriteLine(SharedData.SkipReason);
            return 2;
        }

        var stories = StoryArticles(Path.Combine(SharedData.Root, "news-corpus-bbc-greene"), WarmupArticles + count);
        var loadBefore = LoadAverage();
        using var spans = new SpanCollector();
        var timelines = await RunPipelineAsync(stories, perSecond, crawler);
        var loadAfter = LoadAverage();
        var consumeStarts = new ConsumeStarts(spans.Spans);

        // The bare relay hop, measured after the pipeline stopped so the two do not share the cores.
        double[] relay;
        double relayPolling;
        await using (var probe = await RelayProbe.StartAsync())
        {
            relay = await probe.RelayAsync(200, 50);
            relayPolling = probe.PollingMilliseconds;
        }

        Console.WriteLine($"machine load (1-minute average on {Environment.ProcessorCount} cores, shared): {loadBefore} before, {loadAfter} after the pipeline run");
        return Report(timelines, consumeStarts, count, $"{perSecond:0.##} articles/s, {crawler}", relay, relayPolling);
    }

    /// <summary>Distinct stories from every section of the corpus, each long enough to extract and containing the query word.</summary>
    private static List<CorpusArticle> StoryArticles(string corpus, int count)
    {
        var candidates = NewsCorpus.Load(corpus)
            .Where(a => a.Text.Length > 1_000 && a.Text.Split(' ', '\n').Contains(Query, StringComparer.OrdinalIgnoreCase))
            .DistinctBy(a => a.Title, StringComparer.OrdinalIgnoreCase)
            .ToList();
        return DistinctStories.Pick(candidates, count);
    }

    private static async Task<List<AlertTimeline>> RunPipelineAsync(List<CorpusArticle> stories, double perSecond, CrawlerSettings crawler)
    {
        var overrides = new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:MediaMonitor"] = "Warning",
            ["Crawler:PollIntervalSeconds"] = crawler.PollIntervalSeconds.ToString(CultureInfo.InvariantCulture),
            ["Crawler:MaxPollIntervalSeconds"] = crawler.PollIntervalSeconds.ToString(CultureInfo.InvariantCulture),
            ["Crawler:MinHostDelayMilliseconds"] = crawler.MinHostDelayMilliseconds.ToString(CultureInfo.InvariantCulture),
            ["Alerting:Delivery:MaxPushesPerHour"] = "0",
        };
        if (crawler.WebSub)
        {
            // The callback's address is known once the Crawler listens; it is set before the source exists.
            overrides["Crawler:WebSub:CallbackBaseUrl"] = "http://127.0.0.1:1";
        }

        await using var outlet = await ArticleFeedSite.StartAsync(crawler.WebSub);
        await using var webhook = await WebhookReceiver.StartAsync();
        await using var pipeline = await Pipeline.StartAsync(overrides);
        if (crawler.WebSub)
        {
            pipeline.ServicesOf("Crawler").GetRequiredService<CrawlerOptions>().WebSub.CallbackBaseUrl = pipeline.ServiceClient("Crawler").BaseAddress!.AbsoluteUri;
        }

        var api = await pipeline.CreateTenantAsync();
        var created = await api.PostAsJsonAsync("/api/subscriptions", new { name = "Latency watch", query = Query, webhookUrl = webhook.Url.ToString() });
        created.EnsureSuccessStatusCode();
        var subscription = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        // Warm-up articles are in the feed when the source is added; their alerts show the whole pipeline is up.
        var published = new List<(Guid ArticleId, string Title, DateTimeOffset At)>();
        for (var i = 0; i < WarmupArticles; i++)
        {
            published.Add(Publish(outlet, stories[i], i));
        }

        (await api.PostAsJsonAsync("/api/sources", new { url = outlet.FeedUrl.ToString() })).EnsureSuccessStatusCode();
        await Eventually.Until(() => Task.FromResult(webhook.Posts.Count), n => n >= WarmupArticles, TimeSpan.FromSeconds(120), "the warm-up alerts");
        if (crawler.WebSub)
        {
            await Eventually.Until(() => Task.FromResult(outlet.Subscribers.Count), n => n > 0, TimeSpan.FromSeconds(60), "the hub's verified subscription");
        }

        Console.WriteLine($"warm-up: {WarmupArticles} articles alerted; publishing {stories.Count - WarmupArticles} at {perSecond:0.##}/s");

        var interval = TimeSpan.FromSeconds(1 / perSecond);
        var started = DateTimeOffset.UtcNow;
        for (var i = WarmupArticles; i < stories.Count; i++)
        {
            var wait = started + (interval * (i - WarmupArticles)) - DateTimeOffset.UtcNow;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait);
            }

            published.Add(Publish(outlet, stories[i], i));
        }

        var expected = published.Select(p => p.ArticleId).ToHashSet();
        try
        {
            await Eventually.Until(
                () => Task.FromResult(webhook.Posts.Select(AlertTimeline.ArticleIdOf).Count(id => id is { } a && expected.Contains(a))),
                n => n >= expected.Count, TimeSpan.FromSeconds(60), "every article's webhook POST");
        }
        catch (TimeoutException e)
        {
            Console.WriteLine(e.Message); // the report below names each article that was not alerted
        }

        await Task.Delay(TimeSpan.FromSeconds(3)); // a second POST of any alert, if one were coming, arrives by now
        foreach (var failed in outlet.FailedPushes)
        {
            Console.WriteLine($"hub push failed: {failed}");
        }

        var posts = webhook.Posts.ToList();
        var timelines = new List<AlertTimeline>();
        await using var session = pipeline.Store.QuerySession();
        foreach (var (articleId, title, at) in published)
        {
            timelines.Add(await AlertTimeline.LoadAsync(session, subscription, articleId, title, at, posts, CancellationToken.None));
        }

        foreach (var key in posts.GroupBy(p => p.IdempotencyKey ?? "(none)").Where(g => g.Count() > 1))
        {
            Console.WriteLine($"duplicate: idempotency key {key.Key} was POSTed {key.Count()} times");
        }

        return timelines;
    }

    private static (Guid ArticleId, string Title, DateTimeOffset At) Publish(ArticleFeedSite outlet, CorpusArticle story, int index)
    {
        var at = DateTimeOffset.UtcNow;
        var url = outlet.Publish(string.Create(CultureInfo.InvariantCulture, $"story-{index:000}"), story.Title, story.Text);
        return (StreamIdentity.ForArticle(url), story.Title, at);
    }

    private static int Report(List<AlertTimeline> timelines, ConsumeStarts consumeStarts, int count, string settings, double[] relay, double relayPolling)
    {
        var failures = 0;
        foreach (var t in timelines.Where(t => t.Posts.Count != 1))
        {
            failures++;
            var why = t.Posts.Count > 1 ? $"{t.Posts.Count} POSTs"
                : t.AlertFirstArticle is { } first && first != t.ArticleId ? $"no POST: deduplication put it in the story of article {first}"
                : $"no POST (fetched {t.Fetched is not null}, deduplicated {t.Deduplicated is not null}, tagged {t.Tagged is not null}, raised {t.Raised is not null})";
            Console.WriteLine($"not alerted exactly once: article {t.ArticleId} \"{t.Title}\": {why}");
        }

        var measured = timelines.Skip(WarmupArticles).Where(t => t.SinglePost is not null).ToList();
        var publishedToAlert = Sorted(measured.Select(t => (t.SinglePost!.ReceivedAt - t.Published).TotalMilliseconds));
        var fetchedToAlert = Sorted(measured.Where(t => t.Fetched is not null).Select(t => (t.SinglePost!.ReceivedAt - t.Fetched!.Value).TotalMilliseconds));

        Console.WriteLine(FormattableString.Invariant(
            $"settings: publishing {settings}, EventStore:PollingMilliseconds={relayPolling:0}, Alerting:Delivery:MaxPushesPerHour=0 (no push cap)"));
        Console.WriteLine($"published in feed -> webhook received (what a subscriber sees): {Describe(publishedToAlert)}");
        Console.WriteLine($"ArticleFetched -> webhook received (the pipeline):               {Describe(fetchedToAlert)}");
        Console.WriteLine("per hop, from the event commit timestamps:");
        foreach (var hop in measured.SelectMany(t => t.Hops()).GroupBy(h => h.Hop, h => h.Milliseconds))
        {
            Console.WriteLine($"  {hop.Key,-72} {Describe(Sorted(hop))}");
        }

        Console.WriteLine($"the relay hops split at the consumer's start (MassTransit consume spans, {consumeStarts.Count} seen): relay and queue p50 / work p50");
        foreach (var hop in measured.SelectMany(t => t.Splits(consumeStarts)).GroupBy(h => h.Hop))
        {
            Console.WriteLine(FormattableString.Invariant(
                $"  {hop.Key,-56} relay+queue p50={Percentiles.At(Sorted(hop.Select(h => h.Relay)), 0.5),5:0} ms p95={Percentiles.At(Sorted(hop.Select(h => h.Relay)), 0.95),5:0} ms   work p50={Percentiles.At(Sorted(hop.Select(h => h.Work)), 0.5),5:0} ms p95={Percentiles.At(Sorted(hop.Select(h => h.Work)), 0.95),5:0} ms (n={hop.Count()})"));
        }

        Console.WriteLine($"relay hop alone (append -> consumer receipt, {relay.Length} events at 50/s, RelayProbe as bench relay): {Describe(relay)}");
        Console.WriteLine($"alerted exactly once: {timelines.Count - failures} of {timelines.Count} articles ({WarmupArticles} warm-up)");
        Console.WriteLine(FormattableString.Invariant(
            $"alert-latency: articles={count} fetched_to_alert_p50_ms={Percentiles.At(fetchedToAlert, 0.50):0} fetched_to_alert_p99_ms={Percentiles.At(fetchedToAlert, 0.99):0} published_to_alert_p50_ms={Percentiles.At(publishedToAlert, 0.50):0} published_to_alert_p99_ms={Percentiles.At(publishedToAlert, 0.99):0} relay_hop_p50_ms={Percentiles.At(relay, 0.50):0}"));
        return failures == 0 ? 0 : 1;
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "unknown";

    private static double[] Sorted(IEnumerable<double> values) => [.. values.Order()];

    private static string Describe(double[] sorted) => FormattableString.Invariant(
        $"p50={Percentiles.At(sorted, 0.50),6:0} ms p95={Percentiles.At(sorted, 0.95),6:0} ms p99={Percentiles.At(sorted, 0.99),6:0} ms max={Percentiles.At(sorted, 1.0),6:0} ms (n={sorted.Length})");

    private sealed record CrawlerSettings(int PollIntervalSeconds, int MinHostDelayMilliseconds, bool WebSub)
    {
        public override string ToString() => FormattableString.Invariant(
            $"Crawler:PollIntervalSeconds={PollIntervalSeconds} (adaptive maximum pinned to it), Crawler:MinHostDelayMilliseconds={MinHostDelayMilliseconds}") +
            (WebSub ? ", WebSub push (the outlet's hub pushes each article as it is published)" : ", polled");
    }
}
