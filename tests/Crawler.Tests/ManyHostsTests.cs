using System.Diagnostics;
using MediaMonitor.Crawler.Http;
using MediaMonitor.Crawler.Politeness;
using MediaMonitor.ServiceDefaults;
using MediaMonitor.ServiceDefaults.Network;

namespace MediaMonitor.Crawler.Tests;

/// <summary>
/// Many loopback hosts (one port each) crawled through the real fetcher: the request rate grows with the number of hosts
/// while every host still sees its requests spaced by its own delay.
/// </summary>
public sealed class ManyHostsTests
{
    private const int PerHost = 5;
    private static readonly TimeSpan HostDelay = TimeSpan.FromMilliseconds(200);

    [Fact]
    public async Task Request_rate_grows_with_hosts_while_each_host_keeps_its_delay()
    {
        var one = await CrawlAsync(1);
        var many = await CrawlAsync(16);

        foreach (var gaps in one.Gaps.Concat(many.Gaps))
        {
            Assert.All(gaps, gap => Assert.True(gap >= HostDelay - TimeSpan.FromMilliseconds(15), $"a host was asked again after {gap.TotalMilliseconds} ms"));
        }

        // 16 hosts x 5 requests must not take 16 times as long as 1 host x 5: the hosts are crawled side by side.
        Assert.True(many.RequestsPerSecond >= 4 * one.RequestsPerSecond, $"1 host: {one.RequestsPerSecond:F1}/s, 16 hosts: {many.RequestsPerSecond:F1}/s");
    }

    private static async Task<(double RequestsPerSecond, List<List<TimeSpan>> Gaps)> CrawlAsync(int hosts)
    {
        var sites = new List<(LoopbackSite Site, List<long> Arrivals)>();
        try
        {
            for (var i = 0; i < hosts; i++)
            {
                var arrivals = new List<long>();
                var site = await LoopbackSite.StartAsync((app, _) =>
                {
                    app.MapGet("/robots.txt", () => Results.NotFound());
                    app.MapGet("/page/{n}", (int n) =>
                    {
                        lock (arrivals)
                        {
                            arrivals.Add(Stopwatch.GetTimestamp());
                        }

                        return Results.Text($"<html><body><p>page {n}</p></body></html>", "text/html");
                    });
                });
                sites.Add((site, arrivals));
            }

            using var telemetry = new ServiceTelemetry("ManyHostsTest");
            var options = new CrawlerOptions { AllowedNetworks = ["127.0.0.1/32"], MinHostDelayMilliseconds = (int)HostDelay.TotalMilliseconds, MaxInFlightRequests = 64 };
            using var handler = GuardedHandler.Create(new NetworkGuard(options.AllowedNetworks), options);
            using var pages = new PageFetcher(handler, options);
            var schedule = new HostSchedule(TimeProvider.System);
            using var fetcher = new PoliteFetcher(pages, new RobotsCache(pages, schedule, options, TimeProvider.System), schedule, options, new CrawlerMetrics(telemetry));

            var watch = Stopwatch.StartNew();
            await Task.WhenAll(sites.SelectMany(s => Enumerable.Range(0, PerHost).Select(n =>
                fetcher.FetchAsync(new Uri(s.Site.BaseAddress, $"/page/{n}"), "text/html", null, null, CancellationToken.None))));
            var rate = hosts * PerHost / watch.Elapsed.TotalSeconds;
            var gaps = sites.Select(s =>
            {
                var ordered = s.Arrivals.Order().ToList();
                return ordered.Zip(ordered.Skip(1), (a, b) => Stopwatch.GetElapsedTime(a, b)).ToList();
            }).ToList();
            Assert.All(sites, s => Assert.Equal(PerHost, s.Arrivals.Count));
            return (rate, gaps);
        }
        finally
        {
            foreach (var (site, _) in sites)
            {
                await site.DisposeAsync();
            }
        }
    }
}
