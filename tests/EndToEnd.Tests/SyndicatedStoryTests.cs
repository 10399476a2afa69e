using System.Text.Json;
using MediaMonitor.DemoNewsroom;

namespace MediaMonitor.EndToEnd.Tests;

/// <summary>The whole pipeline on the real servers: a newsroom publishes one story three times among a dozen others.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class SyndicatedStoryTests
{
    private const string DemoQuery = "NATO center Kazakhstan";
    private static readonly TimeSpan PipelineTimeout = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task Three_syndicated_copies_raise_one_alert_with_three_copies_one_post_per_channel_and_no_secret_in_any_log_line_or_span()
    {
        var content = NewsroomContent.CreateRecent(TimeProvider.System);
        await using var newsroom = await NewsroomServer.StartAsync(content);
        // Both receivers carry a credential in their path, as Slack's incoming webhooks do (/services/T../B../token).
        var webhookToken = "wh-path-token-" + Guid.NewGuid().ToString("N");
        var slackToken = "slack-path-token-" + Guid.NewGuid().ToString("N");
        await using var webhook = await WebhookReceiver.StartAsync("/hook/" + webhookToken);
        await using var slack = await WebhookReceiver.StartAsync($"/services/T0E2E/B0E2E/{slackToken}");
        await using var pipeline = await Pipeline.StartAsync();
        var api = await pipeline.CreateTenantAsync();

        var (subscription, secret) = await CreateSubscriptionWithSecretAsync(api, webhook, slack);
        await AddSourcesAsync(api, newsroom);

        var alert = await WaitForSingleAlertWithCopiesAsync(api, subscription, 3);
        var streams = await WaitUntilEveryArticleIsTaggedAsync(pipeline, content.Items.Count);

        Assert.Contains(alert.GetProperty("title").GetString(), content.SyndicatedCopies.Select(c => c.Headline));
        Assert.Equal(3, alert.GetProperty("outlets").GetInt32());
        AssertEveryStreamInPipelineOrder(streams);
        await Eventually.Until(() => Task.FromResult(webhook.Posts.Count), n => n >= 1, TimeSpan.FromSeconds(30), "the webhook POST");
        await Eventually.Until(() => Task.FromResult(slack.Posts.Count), n => n >= 1, TimeSpan.FromSeconds(30), "the Slack POST");
        // Quiet: every article's tags and the alert have reached Alerting's consumers, so a second POST would have been sent by now.
        await pipeline.ConsumedBy("Alerting").WaitForAsync<EntitiesTagged>(content.Items.Count, TimeSpan.FromSeconds(60));
        await pipeline.ConsumedBy("Alerting").WaitForAsync<AlertRaised>(1, TimeSpan.FromSeconds(30));
        var post = Assert.Single(webhook.Posts);
        Assert.True(
            MediaMonitor.Alerting.Delivery.WebhookSignature.Verify(secret, post.Timestamp!, post.Body, post.Signature!, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5)),
            "the POST verifies with the secret the Api returned once");
        Assert.Single(await AlertsAsync(api, subscription));
        var listed = await api.GetStringAsync(new Uri("/api/subscriptions", UriKind.Relative));
        Assert.DoesNotContain(secret, listed, StringComparison.Ordinal);

        var day = content.SyndicatedCopies[0].PublishedAt.UtcDateTime.Date;
        // Coverage reads the article read model, which the Api's daemon projects asynchronously: wait for it to catch up.
        var coverageUrl = $"/api/coverage?query={Uri.EscapeDataString(DemoQuery)}&from={day:yyyy-MM-dd}&to={day.AddDays(2):yyyy-MM-dd}&interval=day";
        var coverage = await Eventually.Until(() => api.GetFromJsonAsync<JsonElement>(coverageUrl), c => c.GetProperty("articles").GetInt32() >= 3,
            TimeSpan.FromSeconds(30), "coverage of the three copies");
        var buckets = coverage.GetProperty("buckets").EnumerateArray().ToList();
        Assert.Equal(3, buckets.Sum(b => b.GetProperty("articles").GetInt32()));
        Assert.Equal(1, buckets.Sum(b => b.GetProperty("stories").GetInt32()));

        await SendKeyInQueryStringAsync(pipeline, api);
        AssertNoSecretInLogsOrSpans(pipeline, api, [secret, webhookToken, slackToken], slack.Url, webhook.Url);
    }

    /// <summary>A key sent where it does not belong, in the query string, with and without the header (the Api ignores it there).</summary>
    private static async Task SendKeyInQueryStringAsync(Pipeline pipeline, HttpClient api)
    {
        var apiKey = api.DefaultRequestHeaders.Authorization!.Parameter!;
        var withHeader = await api.GetAsync(new Uri($"/api/subscriptions?api_key={apiKey}", UriKind.Relative));
        Assert.Equal(System.Net.HttpStatusCode.OK, withHeader.StatusCode);
        using var bare = pipeline.ServiceClient("Api");
        var withoutHeader = await bare.GetAsync(new Uri($"/api/subscriptions?api_key={apiKey}", UriKind.Relative));
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, withoutHeader.StatusCode);
    }

    private static void AssertNoSecretInLogsOrSpans(Pipeline pipeline, HttpClient api, string[] deliverySecrets, Uri slackUrl, Uri webhookUrl)
    {
        var apiKey = api.DefaultRequestHeaders.Authorization!.Parameter!;
        string[] secrets = [apiKey, Pipeline.AdminKey, .. deliverySecrets, "Password=postgres", "password=postgres"];
        var logs = pipeline.Logs.Lines.ToList();
        // The receivers run in this process too, so the services' tracers also see their server spans: those are the
        // receiver's (Slack's) own traces, not MediaMonitor's, and are left out.
        var spans = pipeline.Spans.Lines
            .Where(span => !(span.StartsWith("Server ", StringComparison.Ordinal)
                && (span.Contains($"server.port={slackUrl.Port} ", StringComparison.Ordinal) || span.Contains($"server.port={webhookUrl.Port} ", StringComparison.Ordinal))))
            .ToList();
        Assert.True(logs.Count > 100, $"the run logged only {logs.Count} lines; the scan would prove nothing");
        // The deliveries and the request with the key were logged and traced (by host and path only), so the scan saw them.
        Assert.Contains(logs, line => line.Contains(slackUrl.Authority, StringComparison.Ordinal));
        Assert.Contains(logs, line => line.Contains("/api/subscriptions", StringComparison.Ordinal) && line.Contains("401", StringComparison.Ordinal));
        Assert.Contains(spans, span => span.Contains(slackUrl.Authority, StringComparison.Ordinal));
        Assert.Contains(spans, span => span.Contains("url.query=", StringComparison.Ordinal));
        var leakingLines = logs.Where(line => secrets.Any(s => line.Contains(s, StringComparison.Ordinal))).ToList();
        var leakingSpans = spans.Where(span => secrets.Any(s => span.Contains(s, StringComparison.Ordinal))).ToList();
        Assert.True(leakingLines.Count + leakingSpans.Count == 0,
            $"secrets in {leakingLines.Count} log lines and {leakingSpans.Count} spans:\n" + string.Join("\n", leakingLines.Take(5).Concat(leakingSpans.Take(5))));
    }

    [Fact]
    public async Task A_consumer_stopped_mid_flow_and_started_again_loses_no_article_and_doubles_no_alert()
    {
        var content = NewsroomContent.CreateRecent(TimeProvider.System);
        await using var newsroom = await NewsroomServer.StartAsync(content);
        await using var webhook = await WebhookReceiver.StartAsync();
        await using var pipeline = await Pipeline.StartAsync();
        var api = await pipeline.CreateTenantAsync();
        var subscription = await CreateSubscriptionAsync(api, webhook);

        await AddSourcesAsync(api, newsroom);
        await Eventually.Until(async () => (await pipeline.ArticleStreamsAsync()).Count, n => n >= 1, PipelineTimeout, "the first discovered article");
        await pipeline.StopServiceAsync("Deduplication");
        await pipeline.StopServiceAsync("Alerting");
        await Eventually.Until(
            async () => (await pipeline.ArticleStreamsAsync()).Values.Count(s => s.Contains("ArticleFetched")),
            n => n >= content.Items.Count, PipelineTimeout, "every article fetched while Deduplication is down");
        await pipeline.StartServiceAsync("Deduplication");
        await pipeline.StartServiceAsync("Alerting");

        var streams = await WaitUntilEveryArticleIsTaggedAsync(pipeline, content.Items.Count);
        await WaitForSingleAlertWithCopiesAsync(api, subscription, 3);
        AssertEveryStreamInPipelineOrder(streams);
        Assert.All(streams.Values, s => Assert.Single(s, "ArticleDeduplicated"));
        await Eventually.Until(() => Task.FromResult(webhook.Posts.Count), n => n >= 1, TimeSpan.FromSeconds(30), "the webhook POST");
        // Quiet: every article's tags (over both Alerting hosts; the restarted one is observed from its first message, as
        // most tags were queued while it was down) and the alert have reached Alerting's consumers.
        await pipeline.ConsumedBy("Alerting").WaitForAsync<EntitiesTagged>(content.Items.Count, TimeSpan.FromSeconds(60));
        await pipeline.ConsumedBy("Alerting").WaitForAsync<AlertRaised>(1, TimeSpan.FromSeconds(30));
        Assert.Single(webhook.Posts);
        Assert.Single(await AlertsAsync(api, subscription));
    }

    private static async Task<Guid> CreateSubscriptionAsync(HttpClient api, WebhookReceiver webhook) =>
        (await CreateSubscriptionWithSecretAsync(api, webhook)).Id;

    private static async Task<(Guid Id, string Secret)> CreateSubscriptionWithSecretAsync(HttpClient api, WebhookReceiver webhook, WebhookReceiver? slack = null)
    {
        var response = await api.PostAsJsonAsync("/api/subscriptions",
            new { name = "Kazakhstan watch", query = DemoQuery, webhookUrl = webhook.Url.ToString(), slackUrl = slack?.Url.ToString() });
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        var created = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (created.GetProperty("id").GetGuid(), created.GetProperty("webhookSecret").GetString()!);
    }

    private static async Task AddSourcesAsync(HttpClient api, NewsroomServer newsroom)
    {
        foreach (var feed in newsroom.FeedUrls)
        {
            (await api.PostAsJsonAsync("/api/sources", new { url = feed.ToString() })).EnsureSuccessStatusCode();
        }
    }

    private static async Task<List<JsonElement>> AlertsAsync(HttpClient api, Guid subscription) =>
        (await api.GetFromJsonAsync<JsonElement>($"/api/subscriptions/{subscription}/alerts")).EnumerateArray().ToList();

    private static async Task<JsonElement> WaitForSingleAlertWithCopiesAsync(HttpClient api, Guid subscription, int copies)
    {
        var alerts = await Eventually.Until(
            () => AlertsAsync(api, subscription),
            a => a.Count >= 1 && a.Any(x => x.GetProperty("copies").GetInt32() >= copies),
            PipelineTimeout,
            $"an alert with {copies} copies",
            a => string.Join("; ", a.Select(x => $"story {x.GetProperty("storyId")} copies {x.GetProperty("copies")}")));
        return Assert.Single(alerts);
    }

    private static Task<Dictionary<Guid, List<string>>> WaitUntilEveryArticleIsTaggedAsync(Pipeline pipeline, int articles) =>
        Eventually.Until(
            pipeline.ArticleStreamsAsync,
            s => s.Count >= articles && s.Values.All(e => e.Contains("EntitiesTagged")),
            PipelineTimeout,
            $"{articles} articles tagged");

    private static void AssertEveryStreamInPipelineOrder(Dictionary<Guid, List<string>> streams)
    {
        string[] order = ["ArticleDiscovered", "ArticleFetched", "ArticleDeduplicated", "EntitiesTagged"];
        foreach (var (id, events) in streams)
        {
            var positions = order.Select(t => events.IndexOf(t)).ToList();
            Assert.True(positions.All(p => p >= 0), $"article {id} lacks a step: {string.Join(", ", events)}");
            Assert.True(positions.SequenceEqual(positions.Order()), $"article {id} events out of order: {string.Join(", ", events)}");
        }
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class EndToEndCollection
{
    public const string Name = "end-to-end";
}
