using MediaMonitor.Contracts;

namespace MediaMonitor.EntityTagging.Tests;

public sealed class TagArticleConsumerTests
{
    private const string Text =
        "Kremlin spokesman Dmitry Peskov said on Monday that talks with Kazakhstan would continue in Astana.\n" +
        "NATO officials declined to comment, Peskov added.";

    [Fact]
    public async Task Deduplicated_article_is_tagged_once_even_when_the_message_arrives_twice()
    {
        var env = await TestEnvironment.CreateAsync("tagging");
        await using var host = await env.StartAsync(EntityTaggingHost.Wiring);
        var consumed = ConsumedMessages.Observe(host);
        var store = host.Services.GetRequiredService<IDocumentStore>();

        const string url = "https://news.example.org/kazakhstan-talks";
        var articleId = StreamIdentity.ForArticle(url);
        var deduplicated = new ArticleDeduplicated(articleId, DedupVerdict.Original, null, 0, Guid.NewGuid(), DateTimeOffset.UtcNow, "test");
        await using (var session = store.LightweightSession())
        {
            session.Events.StartStream(articleId,
                new ArticleDiscovered(articleId, url, url, Guid.NewGuid(), "Talks", DateTimeOffset.UtcNow, DateTimeOffset.UtcNow, "test"),
                new ArticleFetched(articleId, url, url, "Kremlin on Kazakhstan talks", Text, null, "Example", Guid.NewGuid(), DateTimeOffset.UtcNow, "test"),
                deduplicated);
            await session.SaveChangesAsync();
        }

        var bus = host.Services.GetRequiredService<IBus>();
        var messageId = Guid.NewGuid();
        await bus.Publish(deduplicated, c => c.MessageId = messageId);
        await bus.Publish(deduplicated, c => c.MessageId = messageId);
        await bus.Publish(deduplicated);

        var tagged = await Eventually.Until(
            async () => await TaggedEventsAsync(store, articleId),
            events => events.Count >= 1, TimeSpan.FromSeconds(30), "EntitiesTagged in the article stream");
        await consumed.WaitForAsync<ArticleDeduplicated>(3, TimeSpan.FromSeconds(30)); // every copy consumed; none may append a second EntitiesTagged
        tagged = await TaggedEventsAsync(store, articleId);

        var only = Assert.Single(tagged);
        Assert.Equal(articleId, only.ArticleId);
        Assert.Equal(host.Services.GetRequiredService<ArticleTagger>().Version, only.TaggerVersion);
        var peskov = Assert.Single(only.Entities, e => e.Name == "Dmitry Peskov");
        Assert.Equal(2, peskov.Mentions);
        Assert.Contains(only.Entities, e => e.EntityId == "country:KZ");
        Assert.Contains(only.Entities, e => e.EntityId == "geonames:1526273");
        Assert.Contains(only.Entities, e => e.EntityId == "org:nato");

        await using var query = store.QuerySession();
        var stream = await query.Events.FetchStreamAsync(articleId);
        Assert.IsType<EntitiesTagged>(stream[^1].Data);
        Assert.Equal(4, stream.Count);
    }

    private static async Task<List<EntitiesTagged>> TaggedEventsAsync(IDocumentStore store, Guid articleId)
    {
        await using var query = store.QuerySession();
        var events = await query.Events.FetchStreamAsync(articleId);
        return events.Select(e => e.Data).OfType<EntitiesTagged>().ToList();
    }
}
