using MediaMonitor.ServiceDefaults.Articles;

namespace MediaMonitor.Api.Tests;

[Collection(ApiCollection.Name)]
public sealed class RebuildEndpointTests(ApiFixture api)
{
    [Fact]
    public async Task A_lost_source_health_row_comes_back_from_the_events_when_the_read_model_is_rebuilt()
    {
        var (_, client, _) = await api.NewTenantAsync();
        var source = (await (await client.PostAsJsonAsync("/api/sources", new { url = "https://example.org/rebuild.xml" })).Content.ReadFromJsonAsync<SourceView>())!;
        var polled = new DateTimeOffset(2026, 11, 30, 8, 0, 0, TimeSpan.Zero);
        await using (var session = api.Store.LightweightSession())
        {
            session.Events.Append(source.Id, new SourcePolled(source.Id, 2, null, null, false, polled), new SourceFailed(source.Id, "HTTP 500", polled.AddHours(1)));
            await session.SaveChangesAsync();
        }

        await Eventually.Until(async () => (await client.GetFromJsonAsync<SourceView>($"/api/sources/{source.Id}"))!.LastError, e => e == "HTTP 500",
            TimeSpan.FromSeconds(30), "the source's health");
        await using (var session = api.Store.LightweightSession())
        {
            session.Delete<ApiSourceHealth>(source.Id);
            await session.SaveChangesAsync();
        }

        Assert.Null((await client.GetFromJsonAsync<SourceView>($"/api/sources/{source.Id}"))!.LastError);

        using var admin = api.Client(ApiFixture.AdminKey);
        var started = await admin.PostAsync(new Uri("/api/rebuilds/source-health", UriKind.Relative), null);
        Assert.True(started.StatusCode is HttpStatusCode.Accepted or HttpStatusCode.OK, $"answered {started.StatusCode}");
        var finished = await WaitFinishedAsync(admin, "source-health");

        Assert.Equal("completed", finished.GetProperty("state").GetString());
        Assert.True(finished.GetProperty("done").GetInt64() > 0);
        var health = (await client.GetFromJsonAsync<SourceView>($"/api/sources/{source.Id}"))!;
        Assert.Equal(("HTTP 500", polled, 1), (health.LastError, health.LastSuccessAt, health.ConsecutiveFailures));

        // The shard runs again: a failure recorded after the rebuild is projected as before.
        await using (var session = api.Store.LightweightSession())
        {
            session.Events.Append(source.Id, new SourceFailed(source.Id, "HTTP 503", polled.AddHours(2)));
            await session.SaveChangesAsync();
        }

        await Eventually.Until(async () => (await client.GetFromJsonAsync<SourceView>($"/api/sources/{source.Id}"))!, h => h.LastError == "HTTP 503" && h.ConsecutiveFailures == 2,
            TimeSpan.FromSeconds(30), "a failure recorded after the rebuild");
    }

    [Fact]
    public async Task A_lost_article_row_comes_back_when_the_article_read_model_is_rebuilt_with_the_shard_restarted_after()
    {
        var url = $"https://example.org/rebuild/{Guid.NewGuid():N}";
        var id = StreamIdentity.ForArticle(url);
        await using (var session = api.Store.LightweightSession())
        {
            session.Events.StartStream(id, new ArticleFetched(id, url, url, "Rebuilt title", "Body text", null, "Example", Guid.NewGuid(), DateTimeOffset.UtcNow, "test"));
            await session.SaveChangesAsync();
        }

        await WaitForArticleAsync(id, "the projected article");
        await using (var session = api.Store.LightweightSession())
        {
            session.Delete<ArticleRecord>(id);
            await session.SaveChangesAsync();
        }

        using var admin = api.Client(ApiFixture.AdminKey);
        var started = await admin.PostAsync(new Uri("/api/rebuilds/articles", UriKind.Relative), null);
        Assert.True(started.StatusCode is HttpStatusCode.Accepted or HttpStatusCode.OK, $"answered {started.StatusCode}");
        var finished = await WaitFinishedAsync(admin, "articles");

        Assert.Equal("completed", finished.GetProperty("state").GetString());
        await using (var query = api.Store.QuerySession())
        {
            Assert.Equal("Rebuilt title", (await query.LoadAsync<ArticleRecord>(id))?.Title);
        }

        // The shard runs again: an article fetched after the rebuild is projected as before.
        var later = $"https://example.org/rebuild/{Guid.NewGuid():N}";
        var laterId = StreamIdentity.ForArticle(later);
        await using (var session = api.Store.LightweightSession())
        {
            session.Events.StartStream(laterId, new ArticleFetched(laterId, later, later, "After", "Body text", null, "Example", Guid.NewGuid(), DateTimeOffset.UtcNow, "test"));
            await session.SaveChangesAsync();
        }

        await WaitForArticleAsync(laterId, "an article fetched after the rebuild");
    }

    [Fact]
    public async Task Unknown_read_models_are_named_and_tenant_keys_may_not_rebuild()
    {
        using var admin = api.Client(ApiFixture.AdminKey);
        var unknown = await admin.PostAsync(new Uri("/api/rebuilds/everything", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("articles, source-health", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var listed = await admin.GetFromJsonAsync<JsonElement>("/api/rebuilds");
        Assert.Equal(["articles", "source-health", "alert-summaries", "notices"], listed.EnumerateArray().Select(e => e.GetProperty("name").GetString()));

        var (_, tenant, _) = await api.NewTenantAsync();
        Assert.Equal(HttpStatusCode.Forbidden, (await tenant.PostAsync(new Uri("/api/rebuilds/articles", UriKind.Relative), null)).StatusCode);
    }

    private async Task WaitForArticleAsync(Guid id, string what) =>
        await Eventually.Until(async () =>
        {
            await using var query = api.Store.QuerySession();
            return await query.LoadAsync<ArticleRecord>(id) is not null;
        }, found => found, TimeSpan.FromSeconds(30), what);

    private static Task<JsonElement> WaitFinishedAsync(HttpClient admin, string name) =>
        Eventually.Until(() => admin.GetFromJsonAsync<JsonElement>($"/api/rebuilds/{name}"), s => s.GetProperty("state").GetString() != "running",
            TimeSpan.FromSeconds(120), $"the rebuild of {name}", s => s.ToString());
}
