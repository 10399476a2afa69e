using System.Collections.Concurrent;

namespace MediaMonitor.Crawler.Tests;

/// <summary>
/// An article's DiscoveredAt is when the crawler read the feed that listed it: the items of one poll wait for each
/// other's page fetches (one host, its politeness delay between requests), but one poll discovered them all.
/// </summary>
public sealed class DiscoveryTimeTests
{
    [Fact]
    public async Task Items_of_one_poll_are_discovered_when_the_feed_was_read_not_when_their_pages_were_fetched()
    {
        var env = await TestEnvironment.CreateAsync("discoverytime");
        // When the site answered each page (the append of a stored page can be delayed on a busy machine; the requests cannot).
        var pagesServed = new ConcurrentQueue<DateTimeOffset>();
        await using var site = await LoopbackSite.StartAsync((app, _) =>
        {
            app.MapGet("/feed.xml", (HttpContext c) =>
            {
                c.Response.ContentType = "application/rss+xml";
                return c.Response.WriteAsync(FixturePages.Rss($"http://{c.Request.Host}", ("/news/one", "One"), ("/news/two", "Two"), ("/news/three", "Three")));
            });
            app.MapGet("/news/{slug}", (HttpContext c) =>
            {
                pagesServed.Enqueue(DateTimeOffset.UtcNow);
                return SiteResponses.Html(c, FixturePages.Article());
            });
        });
        await using var crawler = await CrawlerHost.StartAsync(env, new Dictionary<string, string?>
        {
            ["Crawler:MinHostDelayMilliseconds"] = "400",
        });
        var poller = crawler.Services.GetRequiredService<SourcePoller>();
        var feed = site.Url("/feed.xml");
        var source = new WatchedSource(StreamIdentity.ForSource("t", feed), "t", new Uri(feed), null, null, null, TimeSpan.FromSeconds(60), DateTimeOffset.UtcNow, 0, false, 0);

        var before = DateTimeOffset.UtcNow;
        var polled = await poller.PollAsync(source, CancellationToken.None);
        Assert.Equal(0, polled.ConsecutiveFailures);

        var store = crawler.Services.GetRequiredService<IDocumentStore>();
        await using var session = store.QuerySession();
        var streams = new List<IReadOnlyList<JasperFx.Events.IEvent>>();
        foreach (var slug in new[] { "one", "two", "three" })
        {
            streams.Add(await session.Events.FetchStreamAsync(StreamIdentity.ForArticle($"http://127.0.0.1:{site.BaseAddress.Port}/news/{slug}")));
        }

        var discovered = streams.Select(s => Assert.IsType<ArticleDiscovered>(s[0].Data)).ToList();
        Assert.All(discovered, d => Assert.Equal("crawler-1.3", d.CrawlerVersion));
        // One poll, one discovery time, before any of the pages was fetched and stored...
        Assert.Single(discovered.Select(d => d.DiscoveredAt).Distinct());
        Assert.InRange(discovered[0].DiscoveredAt, before, streams.Min(s => s[0].Timestamp));
        // ... though the third page was requested at least two politeness delays after the first.
        var served = pagesServed.ToArray();
        Assert.Equal(3, served.Length);
        Assert.True(served[2] - served[0] >= TimeSpan.FromMilliseconds(790), $"the pages were requested {string.Join(", ", served.Select(t => t.ToString("O")))}");
    }
}
