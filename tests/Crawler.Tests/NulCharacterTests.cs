namespace MediaMonitor.Crawler.Tests;

/// <summary>PostgreSQL refuses U+0000 in text (SQLSTATE 22P05): a feed or page holding one must not stall its source.</summary>
public sealed class NulCharacterTests
{
    [Fact]
    public async Task A_feed_item_and_page_holding_NUL_characters_are_stored_without_them_and_the_source_keeps_polling()
    {
        var env = await TestEnvironment.CreateAsync("nul");
        await using var site = await LoopbackSite.StartAsync((app, _) =>
        {
            // JSON escapes, so the NULs survive the feed reader and the page's JSON-LD as real U+0000 characters.
            app.MapGet("/feed.json", (HttpContext c) =>
            {
                c.Response.ContentType = "application/feed+json";
                return c.Response.WriteAsync($$"""
                    {"version":"https://jsonfeed.org/version/1.1","title":"Harbour\u0000 Gazette","items":[
                      {"id":"tide-1","url":"http://{{c.Request.Host}}/tide","title":"Tide\u0000 barrier opens","summary":"A\u0000 summary",
                       "authors":[{"name":"Jane\u0000 Marsh"}],"date_published":"2026-11-24T08:30:00Z"}]}
                    """);
            });
            app.MapGet("/tide", (HttpContext c) => SiteResponses.Html(c, $$$"""
                <!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
                <script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"Tide\u0000 barrier opens on the estuary","author":{"@type":"Person","name":"Jane\u0000 Marsh"},"publisher":{"@type":"Organization","name":"Harbour\u0000 Gazette"}}</script>
                </head><body><main><article><h1>Tide barrier opens on the estuary</h1>
                <p>{{{FixturePages.ArticleParagraph1}}}</p><p>{{{FixturePages.ArticleParagraph2}}}</p><p>{{{FixturePages.ArticleParagraph3}}}</p>
                </article></main></body></html>
                """));
        });
        await using var crawler = await CrawlerHost.StartAsync(env);
        var store = crawler.Services.GetRequiredService<IDocumentStore>();
        var feed = site.Url("/feed.json");
        var sourceId = StreamIdentity.ForSource("t", feed);
        await using (var session = store.LightweightSession())
        {
            session.Events.StartStream(sourceId, new SourceAdded(sourceId, "t", feed, DateTimeOffset.UtcNow));
            await session.SaveChangesAsync();
        }

        var articleId = StreamIdentity.ForArticle(site.Url("/tide"));
        var article = await Eventually.Until(() => StreamAsync(store, articleId), e => e.Count >= 2, TimeSpan.FromSeconds(60), "the article's stream");
        var source = await Eventually.Until(() => StreamAsync(store, sourceId), e => e.OfType<SourcePolled>().Count() >= 3, TimeSpan.FromSeconds(60),
            "three polls of the source", e => string.Join(", ", e.Select(x => x.GetType().Name)));

        var discovered = Assert.IsType<ArticleDiscovered>(article[0]);
        Assert.Equal("Tide barrier opens", discovered.FeedTitle);
        var fetched = Assert.IsType<ArticleFetched>(article[1]);
        Assert.Equal("Tide barrier opens on the estuary", fetched.Title);
        Assert.Equal("Jane Marsh", fetched.Byline);
        Assert.Contains(FixturePages.ArticleParagraph1, fetched.Text, StringComparison.Ordinal);
        Assert.Equal(1, source.OfType<SourcePolled>().First().NewItems);
        Assert.Empty(source.OfType<SourceFailed>());
        Assert.Equal(2, article.Count);
    }

    [Fact]
    public async Task The_real_stores_refusal_of_a_NUL_is_recognised_as_one_that_no_retry_can_cure()
    {
        var env = await TestEnvironment.CreateAsync("nulrefused");
        await using var crawler = await CrawlerHost.StartAsync(env);
        var store = crawler.Services.GetRequiredService<IDocumentStore>();
        var id = Guid.NewGuid();
        await using var session = store.LightweightSession();
        session.Events.StartStream(id, new ArticleFetchFailed(id, "https://x.example/a", "a\0b", DateTimeOffset.UtcNow, "test"));

        var refused = await Assert.ThrowsAnyAsync<Exception>(() => session.SaveChangesAsync());

        Assert.True(StorableText.IsRefusedCharacter(refused), refused.ToString());
        Assert.False(StorableText.IsRefusedCharacter(new InvalidOperationException("other")));
    }

    [Fact]
    public void Every_text_of_a_feed_item_loses_its_NUL_characters()
    {
        var item = StorableText.Clean(new FeedItem("https://x.example/\0a", "T\0itle", null, "i\0d", "S\0ummary", "A\0uthor"));

        Assert.Equal(new FeedItem("https://x.example/a", "Title", null, "id", "Summary", "Author"), item);
    }

    private static async Task<IReadOnlyList<object>> StreamAsync(IDocumentStore store, Guid id)
    {
        await using var session = store.QuerySession();
        return (await session.Events.FetchStreamAsync(id)).Select(e => e.Data).ToList();
    }
}
