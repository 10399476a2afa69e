namespace MediaMonitor.Api.Tests;

[Collection(ApiCollection.Name)]
public sealed class SourceEndpointTests(ApiFixture api)
{
    [Fact]
    public async Task Adding_the_same_source_twice_appends_one_SourceAdded_and_returns_the_same_source()
    {
        var (tenantId, client, _) = await api.NewTenantAsync();
        var first = await client.PostAsJsonAsync("/api/sources", new { url = "http://127.0.0.1:9/herald/rss.xml" });
        var second = await client.PostAsJsonAsync("/api/sources", new { url = "http://127.0.0.1:9/herald/rss.xml" });

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var a = (await first.Content.ReadFromJsonAsync<SourceRecord>())!;
        var b = (await second.Content.ReadFromJsonAsync<SourceRecord>())!;
        Assert.Equal(StreamIdentity.ForSource(tenantId, "http://127.0.0.1:9/herald/rss.xml"), a.Id);
        Assert.Equal(a.Id, b.Id);

        await using var session = api.Store.QuerySession();
        var events = await session.Events.FetchStreamAsync(a.Id);
        var added = Assert.IsType<SourceAdded>(Assert.Single(events).Data);
        Assert.Equal(tenantId, added.TenantId);

        var listed = await client.GetFromJsonAsync<List<SourceRecord>>("/api/sources");
        Assert.Equal(a.Id, Assert.Single(listed!).Id);
    }

    [Theory]
    [InlineData("""{"url":"ftp://example.org/feed"}""", "absolute http")]
    [InlineData("""{"url":""}""", "url is required")]
    [InlineData("""{}""", "url is required")]
    [InlineData("""{"url":"not a url"}""", "absolute http")]
    [InlineData("""{"url":"https://user:pw@example.org/feed"}""", "credentials")]
    [InlineData("""{"url": 42""", "JSON")]
    public async Task Bad_source_input_is_rejected_with_400_and_says_why(string body, string reason)
    {
        var (_, client, _) = await api.NewTenantAsync();
        var response = await client.PostAsync(new Uri("/api/sources", UriKind.Relative), new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(reason, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Request_body_over_the_configured_limit_answers_413()
    {
        var (_, client, _) = await api.NewTenantAsync();
        var huge = "{\"url\":\"https://example.org/" + new string('a', 8000) + "\"}";
        var response = await client.PostAsync(new Uri("/api/sources", UriKind.Relative), new StringContent(huge, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Another_tenants_source_answers_404()
    {
        var (_, owner, _) = await api.NewTenantAsync();
        var (_, other, _) = await api.NewTenantAsync();
        var created = (await (await owner.PostAsJsonAsync("/api/sources", new { url = "https://example.org/feed.xml" })).Content.ReadFromJsonAsync<SourceRecord>())!;

        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync(new Uri($"/api/sources/{created.Id}", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(new Uri($"/api/sources/{created.Id}", UriKind.Relative))).StatusCode);
        Assert.Empty((await other.GetFromJsonAsync<List<SourceRecord>>("/api/sources"))!);
    }
}
