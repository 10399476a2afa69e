namespace MediaMonitor.Api.Tests;

/// <summary>
/// Issue 12, item 4: every change of a subscription is appended at the version the caller saw. The Api answers an ETag
/// with the subscription's version, and a change with a stale If-Match is refused with 412 and appends nothing.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class SubscriptionVersionTests(ApiFixture api)
{
    [Fact]
    public async Task Two_concurrent_changes_with_the_same_If_Match_give_one_success_and_one_412()
    {
        var (_, client, _) = await api.NewTenantAsync();
        var (id, etag) = await CreateAsync(client, "NATO Kazakhstan");

        var answers = await Task.WhenAll(
            SendAsync(client, HttpMethod.Put, $"/api/subscriptions/{id}", etag, new { query = "CSTO Kazakhstan" }),
            SendAsync(client, HttpMethod.Put, $"/api/subscriptions/{id}", etag, new { query = "SCO Kazakhstan" }));

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.PreconditionFailed], answers.Select(a => a.StatusCode).Order());
        await using var session = api.Store.QuerySession();
        var stream = await session.Events.FetchStreamAsync(id);
        Assert.Equal(2, stream.Count);
        var winner = answers.Single(a => a.StatusCode == HttpStatusCode.OK);
        Assert.Equal("\"2\"", winner.Headers.ETag?.Tag);
        Assert.Equal(((SubscriptionQueryChanged)stream[1].Data).Query, (await winner.Content.ReadFromJsonAsync<ApiSubscription>())!.Query);
    }

    [Fact]
    public async Task Pause_resume_query_and_delivery_changes_check_the_If_Match_version()
    {
        var (_, client, _) = await api.NewTenantAsync();
        var (id, created) = await CreateAsync(client, "NATO Kazakhstan");
        const string v1 = "\"1\"", v2 = "\"2\"";

        var paused = await SendAsync(client, HttpMethod.Post, $"/api/subscriptions/{id}/pause", v1, new { reason = "holiday" });
        Assert.Equal(HttpStatusCode.OK, paused.StatusCode);

        // Each of these was decided on version 1, which the pause made stale.
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await SendAsync(client, HttpMethod.Put, $"/api/subscriptions/{id}", v1, new { query = "CSTO" })).StatusCode);
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await SendAsync(client, HttpMethod.Post, $"/api/subscriptions/{id}/resume", v1, null)).StatusCode);
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await SendAsync(client, HttpMethod.Post, $"/api/subscriptions/{id}/pause", v1, new { })).StatusCode);
        Assert.Equal(HttpStatusCode.PreconditionFailed,
            (await SendAsync(client, HttpMethod.Patch, $"/api/subscriptions/{id}/delivery", v1, new { email = "desk@example.org" })).StatusCode);
        await using (var session = api.Store.QuerySession())
        {
            Assert.Equal(2, (await session.Events.FetchStreamAsync(id)).Count);
        }

        Assert.Equal((v1, v2, v2), (created, paused.Headers.ETag?.Tag, (await client.GetAsync($"/api/subscriptions/{id}")).Headers.ETag?.Tag));
        var resumed = await SendAsync(client, HttpMethod.Post, $"/api/subscriptions/{id}/resume", v2, null);
        Assert.Equal((HttpStatusCode.OK, "\"3\""), (resumed.StatusCode, resumed.Headers.ETag?.Tag));
        var changed = await SendAsync(client, HttpMethod.Patch, $"/api/subscriptions/{id}", "\"3\"", new { query = "CSTO" });
        Assert.Equal((HttpStatusCode.OK, "\"4\""), (changed.StatusCode, changed.Headers.ETag?.Tag));
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await SendAsync(client, HttpMethod.Post, $"/api/subscriptions/{id}/pause", "\"3\"", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(client, HttpMethod.Post, $"/api/subscriptions/{id}/pause", "*", new { })).StatusCode);
    }

    [Fact]
    public async Task A_stale_If_Match_on_another_tenants_subscription_still_answers_404()
    {
        var (_, owner, _) = await api.NewTenantAsync();
        var (_, stranger, _) = await api.NewTenantAsync();
        var (id, _) = await CreateAsync(owner, "NATO");

        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(stranger, HttpMethod.Post, $"/api/subscriptions/{id}/pause", "\"7\"", new { })).StatusCode);
    }

    private static async Task<(Guid Id, string? ETag)> CreateAsync(HttpClient client, string query)
    {
        var response = await client.PostAsJsonAsync("/api/subscriptions", new { name = "S", query });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return ((await response.Content.ReadFromJsonAsync<ApiSubscription>())!.Id, response.Headers.ETag?.Tag);
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string path, string? ifMatch, object? body)
    {
        var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative)) { Content = body is null ? null : JsonContent.Create(body) };
        if (ifMatch is not null)
        {
            request.Headers.IfMatch.Add(ifMatch == "*" ? EntityTagHeaderValue.Any : new EntityTagHeaderValue(ifMatch));
        }

        return client.SendAsync(request);
    }
}
