using MediaMonitor.Api.Alerts;
using MediaMonitor.Contracts.Alerting;

namespace MediaMonitor.Api.Tests;

/// <summary>POST /api/subscriptions with e-mail, Slack, digest and spike options: recorded on SubscriptionCreated, validated with a reason.</summary>
[Collection(ApiCollection.Name)]
public sealed class SubscriptionDeliveryEndpointTests(ApiFixture api)
{
    private static readonly System.Text.Json.JsonSerializerOptions ApiJson =
        new(System.Text.Json.JsonSerializerOptions.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    [Fact]
    public async Task Email_Slack_digest_and_spike_options_are_recorded_and_listed_without_the_Slack_URL()
    {
        var (_, client, _) = await api.NewTenantAsync();
        var response = await client.PostAsJsonAsync("/api/subscriptions", new
        {
            name = "Morning digest",
            query = "NATO Kazakhstan",
            email = "analyst@client.example",
            slackUrl = "https://hooks.slack.com/services/T0/B0/secret",
            immediate = false,
            digest = new { frequency = "weekly", time = "08:30", timeZone = "Europe/Berlin", day = "monday" },
            spike = new { sigmas = 4, minimumCount = 10 },
        });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var createdJson = await response.Content.ReadAsStringAsync();
        Assert.Contains("\"frequency\":\"Weekly\"", createdJson, StringComparison.Ordinal);
        Assert.Contains("\"day\":\"Monday\"", createdJson, StringComparison.Ordinal);
        var created = System.Text.Json.JsonSerializer.Deserialize<ApiSubscription>(createdJson, ApiJson)!;
        await using (var session = api.Store.QuerySession())
        {
            var e = Assert.IsType<SubscriptionCreated>(Assert.Single(await session.Events.FetchStreamAsync(created.Id)).Data);
            Assert.Equal(new SubscriptionDelivery("analyst@client.example", "hooks.slack.com", false,
                new DigestSchedule(DigestFrequency.Weekly, 8, 30, "Europe/Berlin", DayOfWeek.Monday), new SpikeWatch(4, 10)), e.Delivery);
            Assert.Equal(1, e.SecretVersion);
        }

        Assert.Equal("https://hooks.slack.com/services/T0/B0/secret", (await api.StoredSecretsAsync(created.Id))?.Secrets.SlackUrl);

        var listed = await client.GetStringAsync(new Uri($"/api/subscriptions/{created.Id}", UriKind.Relative));
        Assert.Contains("\"email\":\"analyst@client.example\"", listed, StringComparison.Ordinal);
        Assert.Contains("\"frequency\":\"Weekly\"", listed, StringComparison.Ordinal);
        Assert.Contains("\"timeZone\":\"Europe/Berlin\"", listed, StringComparison.Ordinal);
        Assert.DoesNotContain("hooks.slack.com", listed, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"name":"x","query":"NATO","email":"not-an-address"}""", "email must be a plain e-mail address")]
    [InlineData("""{"name":"x","query":"NATO","email":"Analyst <a@b.example>"}""", "email must be a plain e-mail address")]
    [InlineData("""{"name":"x","query":"NATO","slackUrl":"ftp://x.example/"}""", "slackUrl must be")]
    [InlineData("""{"name":"x","query":"NATO","email":"a@b.example","digest":{"frequency":"monthly","time":"08:00","timeZone":"UTC"}}""", "digest.frequency must be")]
    [InlineData("""{"name":"x","query":"NATO","email":"a@b.example","digest":{"frequency":"daily","time":"8am","timeZone":"UTC"}}""", "digest.time must be")]
    [InlineData("""{"name":"x","query":"NATO","email":"a@b.example","digest":{"frequency":"daily","time":"08:00","timeZone":"Mars/Olympus"}}""", "digest.timeZone must be")]
    [InlineData("""{"name":"x","query":"NATO","email":"a@b.example","digest":{"frequency":"daily","time":"08:00","timeZone":"America/Argentina"}}""", "digest.timeZone must be")]
    [InlineData("""{"name":"x","query":"NATO","email":"a@b.example","digest":{"frequency":"daily","time":"08:00","timeZone":"Etc/"}}""", "digest.timeZone must be")]
    [InlineData("""{"name":"x","query":"NATO","email":"a@b.example","digest":{"frequency":"daily","time":"08:00","timeZone":"../../etc/passwd"}}""", "digest.timeZone must be")]
    [InlineData("""{"name":"x","query":"NATO","email":"a@b.example","digest":{"frequency":"weekly","time":"08:00","timeZone":"UTC"}}""", "digest.day must be")]
    [InlineData("""{"name":"x","query":"NATO","email":"a@b.example","spike":{"sigmas":0.5}}""", "spike.sigmas must be")]
    [InlineData("""{"name":"x","query":"NATO","spike":{}}""", "needs a channel")]
    public async Task Bad_delivery_options_are_rejected_with_400_and_say_why(string body, string reason)
    {
        var (_, client, _) = await api.NewTenantAsync();
        var response = await client.PostAsync(new Uri("/api/subscriptions", UriKind.Relative), new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(reason, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Digests_and_spike_notices_are_listed_with_their_period_stories_and_channels_to_their_tenant_only()
    {
        var (tenantId, client, _) = await api.NewTenantAsync();
        var (_, other, _) = await api.NewTenantAsync();
        var sub = (await (await client.PostAsJsonAsync("/api/subscriptions", new { name = "S", query = "NATO", email = "a@b.example" }))
            .Content.ReadFromJsonAsync<ApiSubscription>())!;
        var end = new DateTimeOffset(2026, 11, 29, 7, 0, 0, TimeSpan.Zero);
        var digestId = StreamIdentity.ForDigest(sub.Id, end);
        var spikeId = StreamIdentity.ForSpike(sub.Id, end);
        await using (var session = api.Store.LightweightSession())
        {
            session.Events.StartStream(digestId,
                new DigestCompiled(digestId, sub.Id, tenantId, DigestFrequency.Daily, end.AddDays(-1), end,
                    [new DigestItem(Guid.NewGuid(), Guid.NewGuid(), "NATO opens", "http://a/1", 3, ["A", "B"], end.AddHours(-3))], end),
                new DigestSent(digestId, sub.Id, "email", end.AddDays(-1), end, 1, 1, end.AddSeconds(1)));
            session.Events.StartStream(spikeId,
                new SpikeDetected(spikeId, sub.Id, tenantId, end, 12, 0.5, 0.7, 3.5, end),
                new NotificationDeliveryFailed(spikeId, "email", 1, "the SMTP server answered 451", end),
                new NotificationDeadLettered(spikeId, "email", 1, "the SMTP server answered 451", end));
            await session.SaveChangesAsync();
        }

        var notices = await Eventually.Until(
            async () => (await client.GetFromJsonAsync<List<ApiNotice>>($"/api/subscriptions/{sub.Id}/notices"))!,
            n => n.Count == 2 && n.Any(x => x.SentChannels.Count == 1) && n.Any(x => x.DeadLetteredChannels.Count == 1), TimeSpan.FromSeconds(30), "the notice read model");

        var digest = Assert.Single(notices, n => n.Kind == "digest");
        Assert.Equal((end.AddDays(-1), end, 3), (digest.PeriodStart, digest.PeriodEnd, Assert.Single(digest.Stories).Copies));
        Assert.Equal(["email"], digest.SentChannels);
        var spike = Assert.Single(notices, n => n.Kind == "spike");
        Assert.Equal(12, spike.SpikeCount);
        Assert.Equal(["email"], spike.DeadLetteredChannels);
        Assert.Contains("451", spike.LastDeliveryError, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(new Uri($"/api/subscriptions/{sub.Id}/notices", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task A_notice_held_back_by_a_mute_lists_the_skipped_channel_and_why()
    {
        var (tenantId, client, _) = await api.NewTenantAsync();
        var sub = (await (await client.PostAsJsonAsync("/api/subscriptions", new { name = "S", query = "NATO", email = "a@b.example" }))
            .Content.ReadFromJsonAsync<ApiSubscription>())!;
        var end = new DateTimeOffset(2026, 11, 29, 7, 0, 0, TimeSpan.Zero);
        var digestId = StreamIdentity.ForDigest(sub.Id, end);
        await using (var session = api.Store.LightweightSession())
        {
            session.Events.StartStream(digestId,
                new DigestCompiled(digestId, sub.Id, tenantId, DigestFrequency.Daily, end.AddDays(-1), end,
                    [new DigestItem(Guid.NewGuid(), Guid.NewGuid(), "NATO opens", "http://a/1", 1, ["A"], end.AddHours(-3))], end),
                new NotificationDeliverySkipped(digestId, "email", "the subscription is muted until resumed (holiday)", end.AddSeconds(1)));
            await session.SaveChangesAsync();
        }

        var notice = Assert.Single(await Eventually.Until(
            async () => (await client.GetFromJsonAsync<List<ApiNotice>>($"/api/subscriptions/{sub.Id}/notices"))!,
            n => n.Any(x => x.SkippedChannels.Count == 1), TimeSpan.FromSeconds(30), "the notice read model"));

        Assert.Empty(notice.SentChannels);
        Assert.Equal("email: the subscription is muted until resumed (holiday)", notice.LastDeliveryError);
    }

    [Fact]
    public async Task An_alert_shows_which_channels_it_reached_and_which_were_given_up_with_the_reason()
    {
        var (tenantId, client, _) = await api.NewTenantAsync();
        var sub = (await (await client.PostAsJsonAsync("/api/subscriptions", new { name = "S", query = "NATO", email = "a@b.example", webhookUrl = "http://127.0.0.1:9/h" }))
            .Content.ReadFromJsonAsync<ApiSubscription>())!;
        var story = Guid.NewGuid();
        var alertId = StreamIdentity.ForAlert(sub.Id, story);
        var at = DateTimeOffset.UtcNow;
        await using (var session = api.Store.LightweightSession())
        {
            session.Events.StartStream(alertId,
                new AlertRaised(alertId, sub.Id, tenantId, story, Guid.NewGuid(), "http://a/1", "NATO opens", "A", at, "test"),
                new AlertDeliveryFailed(alertId, "email", 1, "the SMTP server answered 550", at),
                new AlertDelivered(alertId, "webhook", 1, at),
                new AlertDeadLettered(alertId, "email", 1, "the SMTP server answered 550", at));
            await session.SaveChangesAsync();
        }

        var alerts = await Eventually.Until(
            async () => (await client.GetFromJsonAsync<List<ApiAlertSummary>>($"/api/subscriptions/{sub.Id}/alerts"))!,
            a => a.Count == 1 && a[0].DeadLetteredChannels.Count == 1, TimeSpan.FromSeconds(30), "the alert read model");

        Assert.Equal(["webhook"], alerts[0].DeliveredChannels);
        Assert.Equal(["email"], alerts[0].DeadLetteredChannels);
        Assert.Equal("email: the SMTP server answered 550", alerts[0].LastDeliveryError);
        Assert.False(alerts[0].Backfilled);
        Assert.Empty(alerts[0].SkippedChannels);
    }

    [Fact]
    public async Task An_alert_shows_that_it_was_backfilled_and_which_channels_a_mute_or_rate_limit_skipped_with_the_reason()
    {
        var (tenantId, client, _) = await api.NewTenantAsync();
        var sub = (await (await client.PostAsJsonAsync("/api/subscriptions", new { name = "S", query = "NATO", email = "a@b.example", webhookUrl = "http://127.0.0.1:9/h" }))
            .Content.ReadFromJsonAsync<ApiSubscription>())!;
        var (backfilledId, skippedId) = (StreamIdentity.ForAlert(sub.Id, Guid.NewGuid()), StreamIdentity.ForAlert(sub.Id, Guid.NewGuid()));
        var at = DateTimeOffset.UtcNow;
        await using (var session = api.Store.LightweightSession())
        {
            session.Events.StartStream(backfilledId,
                new AlertRaised(backfilledId, sub.Id, tenantId, Guid.NewGuid(), Guid.NewGuid(), "http://a/1", "NATO earlier", "A", at.AddDays(-2), "test", Backfilled: true));
            session.Events.StartStream(skippedId,
                new AlertRaised(skippedId, sub.Id, tenantId, Guid.NewGuid(), Guid.NewGuid(), "http://a/2", "NATO now", "A", at, "test"),
                new AlertDeliverySkipped(skippedId, "webhook", "the subscription is muted", at),
                new AlertDeliverySkipped(skippedId, "email", "the subscription is muted", at));
            await session.SaveChangesAsync();
        }

        var alerts = await Eventually.Until(
            async () => (await client.GetFromJsonAsync<List<ApiAlertSummary>>($"/api/subscriptions/{sub.Id}/alerts"))!,
            a => a.Count == 2 && a.Any(x => x.SkippedChannels.Count == 2), TimeSpan.FromSeconds(30), "the alert read model");

        var backfilled = alerts.Single(a => a.Id == backfilledId);
        Assert.True(backfilled.Backfilled);
        Assert.Empty(backfilled.SkippedChannels);
        var skipped = alerts.Single(a => a.Id == skippedId);
        Assert.False(skipped.Backfilled);
        Assert.Equal(["webhook", "email"], skipped.SkippedChannels);
        Assert.Equal("email: the subscription is muted", skipped.SkipReason);
        Assert.Empty(skipped.DeliveredChannels);
        var raw = await client.GetStringAsync(new Uri($"/api/subscriptions/{sub.Id}/alerts", UriKind.Relative));
        Assert.Contains("\"backfilled\":true", raw, StringComparison.Ordinal);
    }
}
