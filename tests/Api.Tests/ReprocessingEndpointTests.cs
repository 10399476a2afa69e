namespace MediaMonitor.Api.Tests;

[Collection(ApiCollection.Name)]
public sealed class ReprocessingEndpointTests(ApiFixture api)
{
    [Fact]
    public async Task A_reprocessing_request_is_recorded_once_per_key_and_its_status_can_be_read_back()
    {
        using var admin = api.Client(ApiFixture.AdminKey);
        var key = "test-" + Guid.NewGuid().ToString("N");
        var body = new { from = "2026-11-01T00:00:00Z", to = "2026-11-02T00:00:00Z", entityId = "org:nato", key };

        var first = await admin.PostAsJsonAsync("/api/reprocessing", body);
        var second = await admin.PostAsJsonAsync("/api/reprocessing", body);

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var id = (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("requestId").GetGuid();
        Assert.Equal(id, (await second.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("requestId").GetGuid());
        await using var session = api.Store.QuerySession();
        var requested = Assert.IsType<ReprocessingRequested>(Assert.Single(await session.Events.FetchStreamAsync(id)).Data);
        Assert.Equal(("org:nato", new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero)), (requested.EntityId, requested.From));
        var status = await admin.GetFromJsonAsync<JsonElement>($"/api/reprocessing/{id}");
        Assert.Equal("requested", status.GetProperty("state").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync(new Uri($"/api/reprocessing/{Guid.NewGuid()}", UriKind.Relative))).StatusCode);
    }

    [Theory]
    [InlineData("""{"to":"2026-11-02T00:00:00Z"}""", "from and to are required")]
    [InlineData("""{"from":"2026-11-02T00:00:00Z","to":"2026-11-01T00:00:00Z"}""", "from must be before to")]
    public async Task A_request_without_a_valid_range_is_refused_with_the_reason(string json, string reason)
    {
        using var admin = api.Client(ApiFixture.AdminKey);
        var response = await admin.PostAsync(new Uri("/api/reprocessing", UriKind.Relative), new StringContent(json, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(reason, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_tenant_key_may_not_reprocess_the_shared_history()
    {
        var (_, client, _) = await api.NewTenantAsync();
        var response = await client.PostAsJsonAsync("/api/reprocessing", new { from = "2026-11-01T00:00:00Z", to = "2026-11-02T00:00:00Z" });
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
