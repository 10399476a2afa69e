using System.Collections.Concurrent;
using MassTransit;

namespace MediaMonitor.Crawler.Tests;

public sealed class CrawlerPipelineTests
{
    [Fact]
    public async Task Crawler_discovers_fetches_and_relays_feed_items_and_records_failures_with_reasons()
    {
        var env = await TestEnvironment.CreateAsync("crawler");
        await using var site = await LoopbackSite.StartAsync((app, _) =>
        {
            app.MapGet("/feed.xml", (HttpContext c) =>
            {
                var baseUrl = $"http://{c.Request.Host}";
                c.Response.ContentType = "application/rss+xml";
                return c.Response.WriteAsync(FixturePages.Rss(baseUrl, ("/news/flood-barrier?utm_source=rss", "Flood barrier opens"), ("/news/broken", "Broken page")));
            });
            app.MapGet("/news/flood-barrier", (HttpContext c) => SiteResponses.Html(c, FixturePages.Article()));
            app.MapGet("/news/broken", (HttpContext c) =>
            {
                c.Response.StatusCode = 500;
                return c.Response.WriteAsync("boom");
            });
        });

        var relayed = new ConcurrentDictionary<Guid, ArticleFetched>();
        await using var consumer = await ServiceHost.StartAsync(
            typeof(CrawlerPipelineTests).Assembly,
            env.Settings,
            builder =>
            {
                builder.AddServiceDefaults(new ServiceTelemetry("CrawlerTestConsumer"));
                builder.Services.AddSingleton(relayed);
                builder.AddMessageBus(bus => bus.AddConsumer<ArticleFetchedRecorder>());
            },
            app => app.MapDefaultEndpoints());

        await using var crawler = await CrawlerHost.StartAsync(env);

        var store = crawler.Services.GetRequiredService<IDocumentStore>();
        var feedUrl = site.Url("/feed.xml");
        var sourceId = StreamIdentity.ForSource("tenant-a", feedUrl);
        var blockedUrl = "http://10.0.0.1/feed.xml";
        var blockedId = StreamIdentity.ForSource("tenant-a", blockedUrl);
        await using (var session = store.LightweightSession())
        {
            session.Events.StartStream(sourceId, new SourceAdded(sourceId, "tenant-a", feedUrl, DateTimeOffset.UtcNow));
            session.Events.StartStream(blockedId, new SourceAdded(blockedId, "tenant-a", blockedUrl, DateTimeOffset.UtcNow));
            await session.SaveChangesAsync();
        }

        var canonical = $"http://127.0.0.1:{site.BaseAddress.Port}/news/flood-barrier";
        var goodId = StreamIdentity.ForArticle(canonical);
        var badId = StreamIdentity.ForArticle($"http://127.0.0.1:{site.BaseAddress.Port}/news/broken");

        var good = await Eventually.Until(() => StreamAsync(store, goodId), e => e.Count >= 2, TimeSpan.FromSeconds(30), "the good article's events");
        var discovered = Assert.IsType<ArticleDiscovered>(good[0]);
        Assert.Equal(canonical, discovered.CanonicalUrl);
        Assert.Equal(sourceId, discovered.SourceId);
        var fetched = Assert.IsType<ArticleFetched>(good[1]);
        Assert.Equal("Flood barrier opens on the estuary", fetched.Title);
        Assert.Equal("Harbour Gazette", fetched.SiteName);
        Assert.Equal("Jane Marsh", fetched.Byline);
        Assert.Equal("en", fetched.Language);
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 8, 30, 0, TimeSpan.Zero), fetched.PublishedAt);
        Assert.StartsWith(FixturePages.ArticleParagraph1, fetched.Text, StringComparison.Ordinal);
        Assert.EndsWith(FixturePages.ArticleParagraph3, fetched.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("cookie", fetched.Text, StringComparison.OrdinalIgnoreCase);

        var bad = await Eventually.Until(() => StreamAsync(store, badId), e => e.Count >= 2, TimeSpan.FromSeconds(30), "the broken article's events");
        Assert.IsType<ArticleDiscovered>(bad[0]);
        var failed = Assert.IsType<ArticleFetchFailed>(bad[1]);
        Assert.Contains("HTTP 500", failed.Reason, StringComparison.Ordinal);

        var blocked = await Eventually.Until(() => StreamAsync(store, blockedId), e => e.OfType<SourceFailed>().Any(), TimeSpan.FromSeconds(30), "the blocked source's failure");
        Assert.Contains("10.0.0.1 is a private address", blocked.OfType<SourceFailed>().First().Reason, StringComparison.Ordinal);

        await Eventually.Until(() => Task.FromResult(relayed.ContainsKey(goodId)), r => r, TimeSpan.FromSeconds(30), "ArticleFetched relayed to RabbitMQ");
        Assert.Equal(fetched, relayed[goodId]);

        // Later polls find nothing new and never append a second outcome.
        await Eventually.Until(() => StreamAsync(store, sourceId), e => e.OfType<SourcePolled>().Count() >= 2, TimeSpan.FromSeconds(30), "a second poll");
        Assert.Equal(2, (await StreamAsync(store, goodId)).Count);
        var polls = (await StreamAsync(store, sourceId)).OfType<SourcePolled>().ToList();
        Assert.Equal(2, polls[0].NewItems);
        Assert.Equal(0, polls[^1].NewItems);
    }

    private static async Task<IReadOnlyList<object>> StreamAsync(IDocumentStore store, Guid id)
    {
        await using var session = store.QuerySession();
        return (await session.Events.FetchStreamAsync(id)).Select(e => e.Data).ToList();
    }
}

public sealed class ArticleFetchedRecorder(ConcurrentDictionary<Guid, ArticleFetched> received) : IConsumer<ArticleFetched>
{
    public Task Consume(ConsumeContext<ArticleFetched> context)
    {
        received[context.Message.ArticleId] = context.Message;
        return Task.CompletedTask;
    }
}
