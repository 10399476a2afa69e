namespace MediaMonitor.Crawler.Tests;

public sealed class SourceProtocolTests
{
    [Fact]
    public async Task Page_source_autodiscovers_its_feed_polls_it_conditionally_and_obeys_robots_txt()
    {
        var env = await TestEnvironment.CreateAsync("protocol");
        var conditionalHits = 0;
        var articleHits = 0;
        await using var site = await LoopbackSite.StartAsync((app, _) =>
        {
            app.MapGet("/robots.txt", () => "User-agent: *\nDisallow: /private/\n");
            app.MapGet("/home", (HttpContext c) => SiteResponses.Html(c,
                """<html><head><link rel="alternate" type="application/rss+xml" title="News" href="/feed.xml"></head><body>Home</body></html>"""));
            app.MapGet("/feed.xml", (HttpContext c) =>
            {
                if (c.Request.Headers.IfNoneMatch == "\"v1\"")
                {
                    Interlocked.Increment(ref conditionalHits);
                    c.Response.StatusCode = 304;
                    return Task.CompletedTask;
                }

                c.Response.Headers.ETag = "\"v1\"";
                c.Response.ContentType = "application/rss+xml";
                return c.Response.WriteAsync(FixturePages.Rss($"http://{c.Request.Host}", ("/news/ok", "OK"), ("/private/secret", "Secret")));
            });
            app.MapGet("/news/ok", (HttpContext c) =>
            {
                Interlocked.Increment(ref articleHits);
                return SiteResponses.Html(c, FixturePages.Article());
            });
            app.MapGet("/private/secret", (HttpContext c) => SiteResponses.Html(c, FixturePages.Article("Secret")));
        });

        await using var crawler = await CrawlerHost.StartAsync(env, new Dictionary<string, string?>
        {
            ["Crawler:MaxPollIntervalSeconds"] = "1",
            ["Crawler:PollHeartbeatSeconds"] = "3600",
        });
        var store = crawler.Services.GetRequiredService<IDocumentStore>();
        var home = site.Url("/home");
        var sourceId = StreamIdentity.ForSource("t", home);
        await using (var session = store.LightweightSession())
        {
            session.Events.StartStream(sourceId, new SourceAdded(sourceId, "t", home, DateTimeOffset.UtcNow));
            await session.SaveChangesAsync();
        }

        var origin = $"http://127.0.0.1:{site.BaseAddress.Port}";
        var ok = await Eventually.Until(() => StreamAsync(store, StreamIdentity.ForArticle(origin + "/news/ok")), e => e.Count >= 2, TimeSpan.FromSeconds(30), "the discovered feed's article");
        Assert.IsType<ArticleFetched>(ok[1]);
        var secret = await Eventually.Until(() => StreamAsync(store, StreamIdentity.ForArticle(origin + "/private/secret")), e => e.Count >= 2, TimeSpan.FromSeconds(30), "the disallowed article");
        Assert.Contains("disallowed by robots.txt", Assert.IsType<ArticleFetchFailed>(secret[1]).Reason, StringComparison.Ordinal);

        await Eventually.Until(() => Task.FromResult(Volatile.Read(ref conditionalHits)), n => n >= 3, TimeSpan.FromSeconds(30), "conditional polls answered 304");

        // The 304s found nothing and changed nothing (same validator, the interval at its bound, no failure): none is
        // recorded before the heartbeat, so the stream holds the first poll only.
        var polls = (await StreamAsync(store, sourceId)).OfType<SourcePolled>().ToList();
        var first = Assert.Single(polls);
        Assert.Equal(("\"v1\"", 2, false), (first.ETag, first.NewItems, first.NotModified));
        Assert.Equal(1, articleHits);
    }

    private static async Task<IReadOnlyList<object>> StreamAsync(IDocumentStore store, Guid id)
    {
        await using var session = store.QuerySession();
        return (await session.Events.FetchStreamAsync(id)).Select(e => e.Data).ToList();
    }
}
