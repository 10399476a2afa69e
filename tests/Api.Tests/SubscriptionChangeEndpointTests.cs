namespace MediaMonitor.Api.Tests;

[Collection(ApiCollection.Name)]
public sealed class SubscriptionChangeEndpointTests(ApiFixture api)
{
    [Fact]
    public async Task Changing_the_query_records_SubscriptionQueryChanged_and_the_subscription_shows_the_new_query()
    {
        var (tenantId, client, _) = await api.NewTenantAsync();
        var created = await CreateAsync(client, "NATO Kazakhstan");

        var response = await client.PatchAsJsonAsync($"/api/subscriptions/{created.Id}", new { query = "CSTO Kazakhstan" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var changed = (await response.Content.ReadFromJsonAsync<ApiSubscription>())!;
        Assert.Equal(("CSTO Kazakhstan", true), (changed.Query, changed.QueryChangedAt is not null));
        Assert.Equal("CSTO Kazakhstan", (await client.GetFromJsonAsync<ApiSubscription>($"/api/subscriptions/{created.Id}"))!.Query);
        await using var session = api.Store.QuerySession();
        var e = Assert.IsType<SubscriptionQueryChanged>((await session.Events.FetchStreamAsync(created.Id))[^1].Data);
        Assert.Equal((tenantId, "CSTO Kazakhstan", "NATO Kazakhstan"), (e.TenantId, e.Query, e.PreviousQuery));
    }

    [Fact]
    public async Task PUT_with_the_same_query_changes_nothing()
    {
        var (_, client, _) = await api.NewTenantAsync();
        var created = await CreateAsync(client, "NATO Kazakhstan");

        var response = await client.PutAsJsonAsync($"/api/subscriptions/{created.Id}", new { query = "NATO Kazakhstan" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var session = api.Store.QuerySession();
        Assert.IsType<SubscriptionCreated>(Assert.Single(await session.Events.FetchStreamAsync(created.Id)).Data);
    }

    [Theory]
    [InlineData("""{"query":"NATO \"peacekeeping center"}""", "query at character 6: This quote is never closed")]
    [InlineData("""{"query":"NOT football"}""", "only says what an article must not contain")]
    [InlineData("""{}""", "The query is empty")]
    public async Task A_new_query_that_does_not_parse_answers_400_with_the_position_and_keeps_the_old_one(string body, string reason)
    {
        var (_, client, _) = await api.NewTenantAsync();
        var created = await CreateAsync(client, "NATO");

        var response = await client.PatchAsync(new Uri($"/api/subscriptions/{created.Id}", UriKind.Relative),
            new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(reason, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("NATO", (await client.GetFromJsonAsync<ApiSubscription>($"/api/subscriptions/{created.Id}"))!.Query);
    }

    [Fact]
    public async Task Pause_and_resume_are_events_and_show_on_the_subscription()
    {
        var (_, client, _) = await api.NewTenantAsync();
        var created = await CreateAsync(client, "NATO");

        var paused = (await (await client.PostAsJsonAsync($"/api/subscriptions/{created.Id}/pause", new { reason = "holiday" }))
            .Content.ReadFromJsonAsync<ApiSubscription>())!;
        var resumed = (await (await client.PostAsync(new Uri($"/api/subscriptions/{created.Id}/resume", UriKind.Relative), null))
            .Content.ReadFromJsonAsync<ApiSubscription>())!;
        var muted = (await (await client.PostAsJsonAsync($"/api/subscriptions/{created.Id}/pause", new { keepRecording = true }))
            .Content.ReadFromJsonAsync<ApiSubscription>())!;

        Assert.Equal((true, false, "holiday"), (paused.Paused, paused.Muted, paused.PauseReason));
        Assert.Equal((false, false), (resumed.Paused, resumed.Muted));
        Assert.Equal((false, true), (muted.Paused, muted.Muted));
        await using var session = api.Store.QuerySession();
        var events = (await session.Events.FetchStreamAsync(created.Id)).Select(e => e.Data).ToList();
        Assert.Equal([typeof(SubscriptionCreated), typeof(SubscriptionPaused), typeof(SubscriptionResumed), typeof(SubscriptionPaused)], events.Select(e => e.GetType()));
        Assert.Equal([true, false], events.OfType<SubscriptionPaused>().Select(p => p.StopsMatching));
    }

    [Fact]
    public async Task A_pause_until_a_past_time_is_rejected()
    {
        var (_, client, _) = await api.NewTenantAsync();
        var created = await CreateAsync(client, "NATO");

        var response = await client.PostAsJsonAsync($"/api/subscriptions/{created.Id}/pause", new { until = DateTimeOffset.UtcNow.AddHours(-1) });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Another_tenants_subscription_answers_404_to_change_pause_and_resume_and_stays_unchanged()
    {
        var (_, owner, _) = await api.NewTenantAsync("Owner");
        var (_, other, _) = await api.NewTenantAsync("Other");
        var created = await CreateAsync(owner, "NATO");

        var change = await other.PatchAsJsonAsync($"/api/subscriptions/{created.Id}", new { query = "CSTO" });
        var pause = await other.PostAsJsonAsync($"/api/subscriptions/{created.Id}/pause", new { });
        var resume = await other.PostAsync(new Uri($"/api/subscriptions/{created.Id}/resume", UriKind.Relative), null);

        Assert.Equal([HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound], new[] { change.StatusCode, pause.StatusCode, resume.StatusCode });
        await using var session = api.Store.QuerySession();
        Assert.Single(await session.Events.FetchStreamAsync(created.Id));
    }

    private static async Task<ApiSubscription> CreateAsync(HttpClient client, string query)
    {
        var response = await client.PostAsJsonAsync("/api/subscriptions", new { name = "S", query });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<ApiSubscription>())!;
    }
}
