using MediaMonitor.Api.Alerts;
using MediaMonitor.Contracts.Alerting;

namespace MediaMonitor.Api.Tests;

[Collection(ApiCollection.Name)]
public sealed class SubscriptionEndpointTests(ApiFixture api)
{
    [Fact]
    public async Task Created_subscription_is_an_event_and_is_listed_with_id_name_and_query()
    {
        var (tenantId, client, _) = await api.NewTenantAsync();
        var response = await client.PostAsJsonAsync("/api/subscriptions",
            new { name = "NATO center Kazakhstan", query = "NATO center Kazakhstan", webhookUrl = "http://127.0.0.1:9/hook" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = (await response.Content.ReadFromJsonAsync<ApiSubscription>())!;
        Assert.Equal($"/api/subscriptions/{created.Id}", response.Headers.Location!.OriginalString);
        await using (var session = api.Store.QuerySession())
        {
            var e = Assert.IsType<SubscriptionCreated>(Assert.Single(await session.Events.FetchStreamAsync(created.Id)).Data);
            Assert.Equal((tenantId, "NATO center Kazakhstan", "http://127.0.0.1:9/hook"), (e.TenantId, e.Query, e.WebhookUrl));
        }

        var listed = Assert.Single((await client.GetFromJsonAsync<List<ApiSubscription>>("/api/subscriptions"))!);
        Assert.Equal((created.Id, "NATO center Kazakhstan", "NATO center Kazakhstan"), (listed.Id, listed.Name, listed.Query));
    }

    [Fact]
    public async Task Same_idempotency_key_returns_the_first_subscription_instead_of_a_second_one()
    {
        var (tenantId, client, _) = await api.NewTenantAsync();
        async Task<HttpResponseMessage> Create()
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/subscriptions")
            {
                Content = JsonContent.Create(new { name = "Demo", query = "NATO center Kazakhstan" }),
            };
            request.Headers.Add("Idempotency-Key", "demo-subscription");
            return await client.SendAsync(request);
        }

        var first = await Create();
        var second = await Create();

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var id = (await second.Content.ReadFromJsonAsync<ApiSubscription>())!.Id;
        Assert.Equal(StreamIdentity.ForSubscription(tenantId, "demo-subscription"), id);
        Assert.Single((await client.GetFromJsonAsync<List<ApiSubscription>>("/api/subscriptions"))!);
    }

    [Theory]
    [InlineData("""{"name":"x","query":"NATO \"peacekeeping center"}""", "query at character 6: This quote is never closed")]
    [InlineData("""{"name":"x","query":"  "}""", "The query is empty")]
    [InlineData("""{"name":"x","query":"NOT football"}""", "only says what an article must not contain")]
    [InlineData("""{"name":"x","query":"(NATO"}""", "is never closed")]
    [InlineData("""{"name":"","query":"NATO"}""", "name is required")]
    [InlineData("""{"name":"x","query":"NATO","webhookUrl":"mailto:a@b.c"}""", "webhookUrl must be")]
    public async Task Bad_subscription_input_is_rejected_with_400_and_says_why(string body, string reason)
    {
        var (_, client, _) = await api.NewTenantAsync();
        var response = await client.PostAsync(new Uri("/api/subscriptions", UriKind.Relative),
            new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(reason, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Alerts_of_a_subscription_aggregate_AlertRaised_and_AlertUpdated_into_copies_and_outlets()
    {
        var (tenantId, client, _) = await api.NewTenantAsync();
        var sub = (await (await client.PostAsJsonAsync("/api/subscriptions", new { name = "S", query = "NATO" })).Content.ReadFromJsonAsync<ApiSubscription>())!;
        var story = Guid.NewGuid();
        var alertId = StreamIdentity.ForAlert(sub.Id, story);
        var first = Guid.NewGuid();
        var raisedAt = DateTimeOffset.UtcNow;
        await using (var session = api.Store.LightweightSession())
        {
            session.Events.StartStream(alertId,
                new AlertRaised(alertId, sub.Id, tenantId, story, first, "http://a/1", "NATO opens", "Steppe Herald", raisedAt, "test"),
                new AlertUpdated(alertId, Guid.NewGuid(), "Capital Courier", 2, 2, raisedAt.AddSeconds(1)),
                new AlertUpdated(alertId, Guid.NewGuid(), "Eurasia Wire", 3, 3, raisedAt.AddSeconds(2)),
                new AlertDelivered(alertId, "webhook", 1, raisedAt.AddSeconds(1)));
            await session.SaveChangesAsync();
        }

        var alerts = await Eventually.Until(
            async () => (await client.GetFromJsonAsync<List<ApiAlertSummary>>($"/api/subscriptions/{sub.Id}/alerts"))!,
            a => a.Count == 1 && a[0].Copies == 3 && a[0].DeliveredAt is not null, TimeSpan.FromSeconds(30), "the alert read model");
        var alert = alerts[0];
        Assert.Equal((story, first, "http://a/1", "NATO opens", 3), (alert.StoryId, alert.FirstArticleId, alert.Url, alert.Title, alert.Outlets));
        Assert.Equal(["Steppe Herald", "Capital Courier", "Eurasia Wire"], alert.OutletNames);
    }

    [Fact]
    public async Task Another_tenants_subscription_and_its_alerts_answer_404()
    {
        var (_, owner, _) = await api.NewTenantAsync();
        var (_, other, _) = await api.NewTenantAsync();
        var sub = (await (await owner.PostAsJsonAsync("/api/subscriptions", new { name = "S", query = "NATO" })).Content.ReadFromJsonAsync<ApiSubscription>())!;

        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync(new Uri($"/api/subscriptions/{sub.Id}/alerts", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(new Uri($"/api/subscriptions/{sub.Id}/alerts", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(new Uri($"/api/subscriptions/{sub.Id}", UriKind.Relative))).StatusCode);
        Assert.Empty((await other.GetFromJsonAsync<List<ApiSubscription>>("/api/subscriptions"))!);
    }
}
