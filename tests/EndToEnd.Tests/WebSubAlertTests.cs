using System.Text.Json;
using Marten;
using MediaMonitor.Contracts.Crawler;
using MediaMonitor.Crawler;
using Microsoft.Extensions.DependencyInjection;

namespace MediaMonitor.EndToEnd.Tests;

/// <summary>
/// A feed that advertises a WebSub hub: the Crawler subscribes, the hub pushes each article as it is published, and the
/// subscriber's webhook gets the alert long before the next poll would have read the feed.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class WebSubAlertTests
{
    private const string Text = """
        The port authority of Aktau opened a new ferry terminal on the Caspian coast on Tuesday, doubling the number of
        berths for ships bound for Baku. Freight companies said crossings would be shorter and cheaper from next month.
        The terminal was built with a loan from a regional development bank and took three years to finish.
        Officials expect container traffic through the port to grow by a third within two years.
        """;

    [Fact]
    public async Task An_article_pushed_by_the_hub_is_alerted_without_waiting_for_a_poll()
    {
        await using var outlet = await ArticleFeedSite.StartAsync(withHub: true);
        await using var webhook = await WebhookReceiver.StartAsync();
        // Polls every 10 minutes: only the source's first poll runs during the test, so the push alone explains the alert.
        await using var pipeline = await Pipeline.StartAsync(new Dictionary<string, string?>
        {
            ["Crawler:PollIntervalSeconds"] = "600",
            ["Crawler:MinPollIntervalSeconds"] = "600",
            ["Crawler:WebSub:CallbackBaseUrl"] = "http://127.0.0.1:1",
        });
        pipeline.ServicesOf("Crawler").GetRequiredService<CrawlerOptions>().WebSub.CallbackBaseUrl = pipeline.ServiceClient("Crawler").BaseAddress!.AbsoluteUri;
        var api = await pipeline.CreateTenantAsync();
        var created = await api.PostAsJsonAsync("/api/subscriptions", new { name = "Caspian ports", query = "Aktau ferry", webhookUrl = webhook.Url.ToString() });
        created.EnsureSuccessStatusCode();
        var source = await (await api.PostAsJsonAsync("/api/sources", new { url = outlet.FeedUrl.ToString() })).Content.ReadFromJsonAsync<JsonElement>();
        var sourceId = source.GetProperty("id").GetGuid();

        await Eventually.Until(() => Task.FromResult(outlet.Subscribers.Count), n => n == 1, TimeSpan.FromSeconds(60), "the hub's verified subscription");
        var published = DateTimeOffset.UtcNow;
        outlet.Publish("aktau-ferry", "Aktau opens a ferry terminal for the Baku crossing", Text);
        await Eventually.Until(() => Task.FromResult(webhook.Posts.Count), n => n >= 1, TimeSpan.FromSeconds(60), "the pushed article's alert");

        Assert.Empty(outlet.FailedPushes);
        Assert.Contains("Aktau opens a ferry terminal", Assert.Single(webhook.Posts).Body, StringComparison.Ordinal);
        await using var session = pipeline.Store.QuerySession();
        var polls = (await session.Events.FetchStreamAsync(sourceId)).Where(e => e.Data is SourcePolled).ToList();
        Assert.True(polls.All(p => p.Timestamp < published), $"a poll after the publication ({polls.Count} polls) could explain the alert");
    }
}
