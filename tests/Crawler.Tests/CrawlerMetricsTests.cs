using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using MediaMonitor.Crawler.Http;
using MediaMonitor.Crawler.Politeness;
using MediaMonitor.ServiceDefaults;
using MediaMonitor.ServiceDefaults.Network;

namespace MediaMonitor.Crawler.Tests;

public sealed class CrawlerMetricsTests
{
    [Theory]
    [InlineData("HTTP 404 Not Found", "http_404_not")]
    [InlineData("blocked address: 10.0.0.1 is private", "blocked_address")]
    [InlineData("body larger than 10485760 bytes (limit)", "body_larger_than")]
    [InlineData("", "other")]
    public void Failure_reasons_are_counted_under_a_short_low_cardinality_class(string reason, string expected)
    {
        Assert.Equal(expected, CrawlerMetrics.ReasonClass(reason));
    }

    [Fact]
    public async Task A_failed_request_is_counted_against_its_host_with_its_status_and_a_good_one_is_not()
    {
        await using var site = await LoopbackSite.StartAsync((app, _) =>
        {
            app.MapGet("/robots.txt", () => Results.NotFound());
            app.MapGet("/gone", () => Results.StatusCode(410));
            app.MapGet("/fine", () => Results.Text("<html><body><p>fine</p></body></html>", "text/html"));
        });
        using var telemetry = new ServiceTelemetry("HostFailuresTest-" + Guid.NewGuid().ToString("N"));
        var counted = new ConcurrentQueue<(long Value, Dictionary<string, object?> Tags)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter == telemetry.Meter && instrument.Name == "mediamonitor.crawler.host.failures")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
            counted.Enqueue((value, tags.ToArray().ToDictionary(t => t.Key, t => t.Value))));
        listener.Start();

        var options = new CrawlerOptions { AllowedNetworks = ["127.0.0.1/32"], MinHostDelayMilliseconds = 1 };
        using var handler = GuardedHandler.Create(new NetworkGuard(options.AllowedNetworks), options);
        using var pages = new PageFetcher(handler, options);
        var schedule = new HostSchedule(TimeProvider.System);
        using var fetcher = new PoliteFetcher(pages, new RobotsCache(pages, schedule, options, TimeProvider.System), schedule, options, new CrawlerMetrics(telemetry));

        await fetcher.FetchAsync(new Uri(site.BaseAddress, "/fine"), "text/html", null, null, CancellationToken.None);
        await Assert.ThrowsAsync<FetchFailedException>(() => fetcher.FetchAsync(new Uri(site.BaseAddress, "/gone"), "text/html", null, null, CancellationToken.None));

        var (value, tags) = Assert.Single(counted);
        Assert.Equal(1, value);
        Assert.Equal(site.BaseAddress.Host, tags["server.address"]);
        Assert.Equal("410", tags["http.response.status_code"]);
    }
}
