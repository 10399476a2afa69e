using System.IO.Compression;

namespace MediaMonitor.Crawler.Tests;

public sealed class HostileInputTests
{
    private static readonly byte[] GzipBomb = MakeGzipBomb(64 * 1024 * 1024);

    [Fact]
    public async Task Hostile_pages_and_feeds_end_as_recorded_failures_with_clear_reasons_and_the_crawler_stays_healthy()
    {
        var env = await TestEnvironment.CreateAsync("hostile");
        var pages = new Dictionary<string, string>
        {
            ["/huge"] = "body too large",
            ["/bomb"] = "after decompression",
            ["/trickle"] = "timed out after 3s",
            ["/invalid-utf8"] = "not valid text",
            ["/nested"] = "levels deep",
            ["/loop"] = "too many redirects",
            ["/to-metadata"] = "169.254.169.254 is the cloud metadata address",
        };
        await using var site = await LoopbackSite.StartAsync((app, _) =>
        {
            app.MapGet("/feed.xml", (HttpContext c) =>
            {
                var items = pages.Keys.Select(p => (Path: p, Title: p.Trim('/'))).ToArray();
                var rss = FixturePages.Rss($"http://{c.Request.Host}", items)
                    .Replace("</channel>", "<item><title>internal</title><link>http://10.0.0.1/x</link></item></channel>", StringComparison.Ordinal);
                c.Response.ContentType = "application/rss+xml";
                return c.Response.WriteAsync(rss);
            });
            app.MapGet("/laughs.xml", (HttpContext c) => c.Response.WriteAsync("""
                <?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>
                <rss version="2.0"><channel><title>&c;</title></channel></rss>
                """));
            app.MapGet("/xxe.xml", (HttpContext c) => c.Response.WriteAsync("""
                <?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><rss version="2.0"><channel><title>&x;</title></channel></rss>
                """));
            app.MapGet("/huge", async (HttpContext c) =>
            {
                c.Response.ContentType = "text/html";
                var chunk = Encoding.ASCII.GetBytes(new string('a', 64 * 1024));
                for (long sent = 0; sent < 1L << 30 && !c.RequestAborted.IsCancellationRequested; sent += chunk.Length)
                {
                    await c.Response.Body.WriteAsync(chunk, c.RequestAborted);
                }
            });
            app.MapGet("/bomb", (HttpContext c) =>
            {
                c.Response.ContentType = "text/html";
                c.Response.Headers.ContentEncoding = "gzip";
                return c.Response.Body.WriteAsync(GzipBomb, c.RequestAborted).AsTask();
            });
            app.MapGet("/trickle", async (HttpContext c) =>
            {
                c.Response.ContentType = "text/html";
                while (!c.RequestAborted.IsCancellationRequested)
                {
                    await c.Response.Body.WriteAsync("<"u8.ToArray(), c.RequestAborted);
                    await c.Response.Body.FlushAsync(c.RequestAborted);
                    await Task.Delay(1000, c.RequestAborted);
                }
            });
            app.MapGet("/invalid-utf8", (HttpContext c) =>
            {
                c.Response.ContentType = "text/html; charset=utf-8";
                var bytes = Encoding.ASCII.GetBytes("<html><body><p>").Concat(Enumerable.Repeat(new byte[] { 0xC3, 0x28, 0xFF }, 3000).SelectMany(b => b)).ToArray();
                return c.Response.Body.WriteAsync(bytes, c.RequestAborted).AsTask();
            });
            app.MapGet("/nested", (HttpContext c) => SiteResponses.Html(c, "<html><body>" + string.Concat(Enumerable.Repeat("<div>", 100_000)) + "x</body></html>"));
            app.MapGet("/loop", (HttpContext c) =>
            {
                c.Response.Redirect("/loop");
                return Task.CompletedTask;
            });
            app.MapGet("/to-metadata", (HttpContext c) =>
            {
                c.Response.Redirect("http://169.254.169.254/latest/meta-data/");
                return Task.CompletedTask;
            });
        });

        await using var crawler = await CrawlerHost.StartAsync(env, new Dictionary<string, string?>
        {
            ["Crawler:MaxBodyBytes"] = "1048576",
            ["Crawler:RequestTimeoutSeconds"] = "3",
            ["Crawler:TransientAttempts"] = "1",
        });

        var store = crawler.Services.GetRequiredService<IDocumentStore>();
        var feed = site.Url("/feed.xml");
        var laughs = site.Url("/laughs.xml");
        var xxe = site.Url("/xxe.xml");
        await using (var session = store.LightweightSession())
        {
            foreach (var url in new[] { feed, laughs, xxe })
            {
                var id = StreamIdentity.ForSource("t", url);
                session.Events.StartStream(id, new SourceAdded(id, "t", url, DateTimeOffset.UtcNow));
            }

            await session.SaveChangesAsync();
        }

        var expected = pages.ToDictionary(p => $"http://127.0.0.1:{site.BaseAddress.Port}{p.Key}", p => p.Value);
        expected["http://10.0.0.1/x"] = "10.0.0.1 is a private address";
        foreach (var (url, reason) in expected)
        {
            var events = await Eventually.Until(() => StreamAsync(store, StreamIdentity.ForArticle(url)), e => e.Count >= 2, TimeSpan.FromSeconds(60), "the failure of " + url);
            var failed = Assert.IsType<ArticleFetchFailed>(events[1]);
            Assert.Contains(reason, failed.Reason, StringComparison.Ordinal);
        }

        foreach (var url in new[] { laughs, xxe })
        {
            var events = await Eventually.Until(() => StreamAsync(store, StreamIdentity.ForSource("t", url)), e => e.OfType<SourceFailed>().Any(), TimeSpan.FromSeconds(30), "the failure of " + url);
            Assert.Contains("entities", events.OfType<SourceFailed>().First().Reason, StringComparison.Ordinal);
        }

        using var http = crawler.CreateClient();
        Assert.True((await http.GetAsync(new Uri("/health/live", UriKind.Relative))).IsSuccessStatusCode);
        var sourceId = StreamIdentity.ForSource("t", feed);
        await Eventually.Until(() => StreamAsync(store, sourceId), e => e.OfType<SourcePolled>().Count() >= 2, TimeSpan.FromSeconds(30), "the feed polled again after the hostile round");
    }

    private static async Task<IReadOnlyList<object>> StreamAsync(IDocumentStore store, Guid id)
    {
        await using var session = store.QuerySession();
        return (await session.Events.FetchStreamAsync(id)).Select(e => e.Data).ToList();
    }

    private static byte[] MakeGzipBomb(int zeros)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            var block = new byte[1024 * 1024];
            for (var i = 0; i < zeros / block.Length; i++)
            {
                gzip.Write(block);
            }
        }

        return output.ToArray();
    }
}
