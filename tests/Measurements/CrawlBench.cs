using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using MediaMonitor.Contracts.Crawler;
using MediaMonitor.Crawler;
using MediaMonitor.Crawler.Extraction;
using MediaMonitor.Crawler.Feeds;
using MediaMonitor.Crawler.Http;
using MediaMonitor.Crawler.Politeness;
using MediaMonitor.Crawler.Polling;
using MediaMonitor.Crawler.Urls;
using MediaMonitor.ServiceDefaults;
using MediaMonitor.ServiceDefaults.Network;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MediaMonitor.Measurements;

/// <summary>
/// bench crawl [FEEDS] [ITEMS] [ORIGINS] [HOST_DELAY_MS=5] [ACTIVE_HOSTS=64]: crawls a fixture news network served by Kestrel on
/// 127.0.0.1 (FEEDS feeds of ITEMS items spread over ORIGINS ports, each port its own host for politeness) through the
/// Crawler's own fetch path: SSRF guard, robots.txt, per-host queue with HOST_DELAY_MS between two requests to one host,
/// at most ACTIVE_HOSTS hosts and Crawler:MaxInFlightRequests requests at once, feed parsing, and page extraction on the
/// service's ExtractionWorkers pool. With the service's 1,000 ms politeness the request rate is bounded by hosts / second,
/// so `crawl 2000 4 1000 1000 512` shows what the number of hosts buys. The event store is not involved (its append
/// rate is measured separately), so this is the crawl's network-and-CPU throughput.
/// </summary>
public sealed class CrawlBench : IMeasurement
{
    public string Verb => "bench";

    public string Kind => "crawl";

    public async Task<int> RunAsync(string[] args)
    {
        var feeds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1000;
        var items = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 20;
        var origins = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 50;
        var hostDelay = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 5;
        var activeHosts = args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 64;
        await using var site = await StartSiteAsync(origins, items);
        var ports = site.Ports;

        using var telemetry = new ServiceTelemetry("CrawlBench");
        var options = new CrawlerOptions { AllowedNetworks = ["127.0.0.1/32"], MinHostDelayMilliseconds = hostDelay, MaxActiveHosts = activeHosts };
        await using var extraction = new ExtractionWorkers(Environment.ProcessorCount, options.ExtractionQueueLength);
        using var handler = GuardedHandler.Create(new NetworkGuard(options.AllowedNetworks), options);
        using var pages = new PageFetcher(handler, options);
        var schedule = new HostSchedule(TimeProvider.System);
        using var fetcher = new PoliteFetcher(pages, new RobotsCache(pages, schedule, options, TimeProvider.System), schedule, options, new CrawlerMetrics(telemetry));

        var fetched = 0;
        var failed = 0;
        var requests = 0;
        var peak = 0L;
        using var sampler = new Timer(_ => peak = Math.Max(peak, Process.GetCurrentProcess().WorkingSet64), null, 0, 200);
        var watch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, feeds), new ParallelOptions { MaxDegreeOfParallelism = options.MaxActiveHosts }, async (feed, ct) =>
        {
            var feedUri = new Uri($"http://127.0.0.1:{ports[feed % ports.Count]}/feeds/{feed}.xml");
            var response = await fetcher.FetchAsync(feedUri, "application/rss+xml", null, null, ct);
            Interlocked.Increment(ref requests);
            foreach (var item in FeedParser.Parse(response.Body, response.FinalUri, response.ContentType).Items)
            {
                var canonical = CanonicalUrl.Canonicalize(item.Link!);
                try
                {
                    var page = await fetcher.FetchAsync(new Uri(item.Link!), "text/html", null, null, ct);
                    Interlocked.Increment(ref requests);
                    var outcome = await extraction.RunAsync(() => ArticleOutcome.FromPage(canonical, Guid.Empty, item, page), ct);
                    Interlocked.Increment(ref outcome.Event is ArticleFetched ? ref fetched : ref failed);
                }
                catch (FetchFailedException)
                {
                    Interlocked.Increment(ref failed);
                }
            }
        });
        watch.Stop();
        peak = Math.Max(peak, Process.GetCurrentProcess().PeakWorkingSet64);
        var total = fetched + failed;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"requests: hosts={origins} host_delay_ms={hostDelay} active_hosts={activeHosts} requests={requests} requests_per_s={requests / watch.Elapsed.TotalSeconds:0.0} ideal_per_s={Math.Min(origins, activeHosts) * 1000.0 / Math.Max(1, hostDelay):0.0} (robots.txt requests not counted)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{feeds} feeds on {origins} hosts, {total} items ({fetched} extracted, {failed} failed) in {watch.Elapsed.TotalSeconds:0.0}s; politeness: robots.txt, one request per host at a time, {options.MinHostDelayMilliseconds} ms between requests; extraction on {extraction.Workers} workers; fixture server in the same process"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"crawl-bench: feeds={feeds} items={total} items_per_s={total / watch.Elapsed.TotalSeconds:0} max_rss_mb={peak / (1024 * 1024)}"));
        return failed == 0 ? 0 : 1;
    }

    private static async Task<FixtureNetwork> StartSiteAsync(int origins, int items)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k =>
        {
            for (var i = 0; i < origins; i++)
            {
                k.Listen(IPAddress.Loopback, 0);
            }
        });
        var app = builder.Build();
        app.MapGet("/robots.txt", () => "User-agent: *\nDisallow: /private/\n");
        app.MapGet("/feeds/{id:int}.xml", (HttpContext c, int id) =>
        {
            var sb = new StringBuilder("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Feed ").Append(id).Append("</title>");
            for (var i = 0; i < items; i++)
            {
                sb.Append(CultureInfo.InvariantCulture, $"<item><title>Story {id}-{i}</title><link>http://{c.Request.Host}/news/{id}/{i}</link><pubDate>Tue, 24 Nov 2026 08:30:00 GMT</pubDate></item>");
            }

            c.Response.ContentType = "application/rss+xml";
            return c.Response.WriteAsync(sb.Append("</channel></rss>").ToString());
        });
        app.MapGet("/news/{feed:int}/{item:int}", (HttpContext c, int feed, int item) =>
        {
            c.Response.ContentType = "text/html; charset=utf-8";
            return c.Response.WriteAsync(Page(feed, item));
        });
        await app.StartAsync();
        var ports = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Select(a => new Uri(a).Port).ToList();
        return new FixtureNetwork(app, ports);
    }

    private static string Page(int feed, int item)
    {
        var words = new[] { "council", "harbour", "minister", "river", "budget", "election", "school", "bridge", "festival", "market" };
        var body = new StringBuilder();
        for (var p = 0; p < 8; p++)
        {
            body.Append("<p>");
            for (var w = 0; w < 60; w++)
            {
                body.Append(words[(feed + item + p + w) % words.Length]).Append(w % 12 == 11 ? ", " : " ");
            }

            body.Append("end of paragraph.</p>");
        }

        return $"""
            <html><head><title>Story {feed}-{item} | Gazette</title><meta property="og:site_name" content="Gazette {feed % 50}"></head>
            <body><header><nav><a href="/">Home</a><a href="/news">News</a></nav></header>
            <article><h1>Story {feed}-{item}</h1>{body}</article>
            <aside class="related"><a href="/a">Related one</a><a href="/b">Related two</a></aside><footer>Contact</footer></body></html>
            """;
    }

    private sealed class FixtureNetwork(WebApplication app, IReadOnlyList<int> ports) : IAsyncDisposable
    {
        public IReadOnlyList<int> Ports { get; } = ports;

        public async ValueTask DisposeAsync()
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }
}
