using System.Diagnostics;
using MediaMonitor.DemoNewsroom;

namespace MediaMonitor.EndToEnd.Tests;

/// <summary>One trace per article, from the Crawler's fetch to the webhook delivery, across the broker and the relay.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class TraceTests
{
    [Fact]
    public async Task One_trace_spans_crawl_deduplication_tagging_matching_and_the_webhook_delivery()
    {
        using var spans = new SpanCollector();
        var content = NewsroomContent.CreateRecent(TimeProvider.System);
        await using var newsroom = await NewsroomServer.StartAsync(content);
        await using var webhook = await WebhookReceiver.StartAsync();
        await using var pipeline = await Pipeline.StartAsync();
        var api = await pipeline.CreateTenantAsync();
        (await api.PostAsJsonAsync("/api/subscriptions", new { name = "Kazakhstan watch", query = "NATO center Kazakhstan", webhookUrl = webhook.Url.ToString() }))
            .EnsureSuccessStatusCode();
        foreach (var feed in newsroom.FeedUrls)
        {
            (await api.PostAsJsonAsync("/api/sources", new { url = feed.ToString() })).EnsureSuccessStatusCode();
        }

        await Eventually.Until(() => Task.FromResult(webhook.Posts.Count), n => n >= 1, TimeSpan.FromSeconds(120), "the webhook POST");
        var post = Assert.Single(webhook.Posts);
        Assert.True(ActivityContext.TryParse(post.TraceParent, null, out var delivered), "the webhook POST carries a W3C traceparent: " + post.TraceParent);

        string[] steps = ["MediaMonitor.Crawler", "MediaMonitor.Deduplication", "MediaMonitor.EntityTagging", "MediaMonitor.Alerting", "MassTransit"];
        var sources = await Eventually.Until(
            () => Task.FromResult(string.Join(", ", spans.InTrace(delivered.TraceId).Select(a => a.Source.Name + ":" + a.OperationName).Distinct().Order())),
            seen => steps.All(s => seen.Contains(s + ":", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(10),
            "spans of every step in the delivered alert's trace");
        Assert.Contains(":relay ", sources, StringComparison.Ordinal);

        await AssertEachServiceExportsItsPipelineMetricsAsync(pipeline);
    }

    private static async Task AssertEachServiceExportsItsPipelineMetricsAsync(Pipeline pipeline)
    {
        var expected = new Dictionary<string, string[]>
        {
            ["Crawler"] = ["mediamonitor_crawler_articles_fetched_total", "mediamonitor_crawler_extraction_duration_seconds_bucket", "mediamonitor_crawler_source_polls_total", "mediamonitor_relay_lag_seconds_bucket"],
            ["Deduplication"] = ["mediamonitor_dedup_verdicts_total", "mediamonitor_relay_lag_seconds_bucket"],
            ["EntityTagging"] = ["mediamonitor_tagging_articles_total", "mediamonitor_tagging_duration_seconds_bucket"],
            ["Alerting"] = ["mediamonitor_alerting_matches_total", "mediamonitor_alerting_alerts_raised_total", "mediamonitor_alerting_alerts_delivered_total", "mediamonitor_alerting_alert_latency_seconds_bucket"],
        };
        foreach (var (service, names) in expected)
        {
            using var client = pipeline.ServiceClient(service);
            var scrape = await client.GetStringAsync(new Uri("/metrics", UriKind.Relative));
            var missing = names.Where(n => !scrape.Contains(n, StringComparison.Ordinal)).ToList();
            Assert.True(missing.Count == 0, $"{service} /metrics lacks {string.Join(", ", missing)}");
        }
    }
}
