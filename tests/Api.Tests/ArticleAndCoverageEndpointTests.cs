using Marten.Events;
using MediaMonitor.Contracts.Deduplication;

using static MediaMonitor.Api.Tests.TestArticles;

namespace MediaMonitor.Api.Tests;

[Collection(ApiCollection.Name)]
public sealed class ArticleAndCoverageEndpointTests(ApiFixture api)
{
    private static readonly DateTimeOffset Day = new(2026, 11, 20, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Article_answers_with_its_full_event_history_in_stream_order()
    {
        var (_, client, _) = await api.NewTenantAsync();
        var source = await AddSourceAsync(client, "https://herald.example/rss-" + Guid.NewGuid().ToString("N")[..6]);
        var story = Guid.NewGuid();
        var articleId = await AppendArticleAsync(source, "https://herald.example/a/" + Guid.NewGuid(), "NATO center opens in Kazakhstan", Day.AddHours(9), story);

        var body = await client.GetFromJsonAsync<JsonElement>($"/api/articles/{articleId}");

        Assert.Equal("NATO center opens in Kazakhstan", body.GetProperty("title").GetString());
        Assert.Equal(story, body.GetProperty("storyId").GetGuid());
        Assert.Equal("Original", body.GetProperty("verdict").GetString());
        var types = body.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("type").GetString()).ToList();
        Assert.Equal(["article_discovered", "article_fetched", "article_deduplicated", "entities_tagged"], types);
        var versions = body.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("version").GetInt64()).ToList();
        Assert.Equal([1L, 2L, 3L, 4L], versions);
        Assert.Equal("Kazakhstan", body.GetProperty("events")[3].GetProperty("data").GetProperty("entities")[0].GetProperty("name").GetString());
    }

    [Fact]
    public async Task Article_found_through_another_tenants_source_answers_404_unless_the_tenant_watches_the_same_url()
    {
        var (_, owner, _) = await api.NewTenantAsync();
        var (_, stranger, _) = await api.NewTenantAsync();
        var (_, sameFeed, _) = await api.NewTenantAsync();
        var feed = "https://courier.example/rss-" + Guid.NewGuid().ToString("N")[..6];
        var source = await AddSourceAsync(owner, feed);
        await AddSourceAsync(sameFeed, feed);
        var articleId = await AppendArticleAsync(source, "https://courier.example/a/" + Guid.NewGuid(), "Title", Day, Guid.NewGuid());

        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync(new Uri($"/api/articles/{articleId}", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync(new Uri($"/api/articles/{articleId}", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await sameFeed.GetAsync(new Uri($"/api/articles/{articleId}", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await owner.GetAsync(new Uri($"/api/articles/{Guid.NewGuid()}", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task Coverage_counts_three_matching_articles_and_one_story_on_their_day_from_stored_history()
    {
        var (_, client, _) = await api.NewTenantAsync();
        var source = await AddSourceAsync(client, "https://wire.example/rss-" + Guid.NewGuid().ToString("N")[..6]);
        var story = Guid.NewGuid();
        for (var i = 0; i < 3; i++)
        {
            await AppendArticleAsync(source, $"https://wire.example/{i}/" + Guid.NewGuid(), $"Copy {i}: NATO center in Kazakhstan", Day.AddHours(8 + i), story);
        }

        await AppendArticleAsync(source, "https://wire.example/x/" + Guid.NewGuid(), "Wheat harvest", Day.AddHours(10), Guid.NewGuid(), "Farmers in Kansas.");
        await AppendArticleAsync(source, "https://wire.example/y/" + Guid.NewGuid(), "NATO center in Kazakhstan, earlier", Day.AddDays(-5), Guid.NewGuid());

        var report = await client.GetFromJsonAsync<JsonElement>("/api/coverage?query=NATO%20center%20Kazakhstan&from=2026-11-19&to=2026-11-21&interval=day");

        Assert.Equal(3, report.GetProperty("articles").GetInt32());
        Assert.Equal(1, report.GetProperty("stories").GetInt32());
        var buckets = report.GetProperty("buckets").EnumerateArray().ToList();
        Assert.Equal(3, buckets.Count);
        Assert.Equal([0, 3, 0], buckets.Select(b => b.GetProperty("articles").GetInt32()));
        Assert.Equal(1, buckets[1].GetProperty("stories").GetInt32());
        Assert.Equal(Day, buckets[1].GetProperty("start").GetDateTimeOffset());
    }

    [Theory]
    [InlineData("/api/coverage?from=2026-11-01", "The query is empty")]
    [InlineData("/api/coverage?query=NATO&interval=month", "interval must be")]
    [InlineData("/api/coverage?query=NATO&from=2026-11-10&to=2026-11-01", "from must be before to")]
    [InlineData("/api/coverage?query=NATO&from=2000-01-01&to=2026-01-01&interval=hour", "more than")]
    [InlineData("/api/coverage?query=NATO&from=yesterday", "from must be an ISO 8601")]
    public async Task Bad_coverage_request_is_rejected_with_400_and_says_why(string url, string reason)
    {
        var (_, client, _) = await api.NewTenantAsync();
        var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(reason, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }


    private async Task<Guid> AppendArticleAsync(Guid sourceId, string url, string title, DateTimeOffset publishedAt, Guid story,
        string text = "The alliance's peacekeeping center in Kazakhstan, near Almaty.")
    {
        var id = StreamIdentity.ForArticle(url);
        await using var session = api.Store.LightweightSession();
        session.Events.StartStream(id,
            new ArticleDiscovered(id, url, url, sourceId, title, publishedAt, publishedAt.AddMinutes(1), "test"),
            new ArticleFetched(id, url, url, title, text, publishedAt, "Example", sourceId, publishedAt.AddMinutes(1), "test"),
            new ArticleDeduplicated(id, DedupVerdict.Original, null, 1.0, story, publishedAt.AddMinutes(2), "test"),
            new EntitiesTagged(id, [new TaggedEntity("Q232", "Kazakhstan", EntityType.Location, 1, 0.5, ["Kazakhstan"])], publishedAt.AddMinutes(3), "test"));
        await session.SaveChangesAsync();
        await ProjectedAsync();
        return id;
    }

    /// <summary>Waits for the Api's daemon to project what was appended into the article read model.</summary>
    private Task ProjectedAsync() => api.Store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(30));
}
