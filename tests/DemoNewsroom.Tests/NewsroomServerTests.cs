using System.Net;
using System.Xml.Linq;

namespace MediaMonitor.DemoNewsroom.Tests;

public sealed class NewsroomServerTests
{
    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }

    [Fact]
    public async Task Each_outlet_feed_lists_its_published_items_newest_first_with_links_that_serve_the_page()
    {
        var content = NewsroomContent.CreateRecent(TimeProvider.System);
        await using var server = await NewsroomServer.StartAsync(content);
        using var http = new HttpClient();

        foreach (var outlet in content.Outlets)
        {
            var feed = XDocument.Parse(await http.GetStringAsync(server.FeedUrl(outlet)));
            var links = feed.Descendants("item").Select(i => i.Element("link")!.Value).ToList();
            Assert.Equal(5, links.Count);
            var copy = content.SyndicatedCopies.Single(c => c.Outlet == outlet);
            Assert.Equal(server.PageUrl(copy).AbsoluteUri, links[0]);

            var page = await http.GetStringAsync(new Uri(links[0]));
            Assert.Contains($"<meta property=\"og:site_name\" content=\"{outlet.Name}\">", page, StringComparison.Ordinal);
            Assert.Contains($"<link rel=\"canonical\" href=\"{links[0]}\">", page, StringComparison.Ordinal);
            Assert.Contains("Dmitry Peskov", page, StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri(server.BaseAddress, "/robots.txt"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(new Uri(server.BaseAddress, "/no-such-outlet/rss.xml"))).StatusCode);
    }

    [Fact]
    public async Task An_item_dated_in_the_future_appears_in_the_feed_only_when_its_time_comes()
    {
        var published = new DateTimeOffset(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);
        var clock = new FixedClock(published.AddMinutes(-1));
        var content = NewsroomContent.Create(published);
        await using var server = await NewsroomServer.StartAsync(content, clock: clock);
        using var http = new HttpClient();
        var copy = content.SyndicatedCopies[0];

        Assert.DoesNotContain(copy.Headline, await http.GetStringAsync(server.FeedUrl(copy.Outlet)), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(server.PageUrl(copy))).StatusCode);

        clock.Now = published;
        Assert.Contains(copy.Headline, await http.GetStringAsync(server.FeedUrl(copy.Outlet)), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(server.PageUrl(copy))).StatusCode);
    }

    [Fact]
    public async Task Outlets_wrap_the_story_in_different_boilerplate()
    {
        var content = NewsroomContent.CreateRecent(TimeProvider.System);
        await using var server = await NewsroomServer.StartAsync(content);
        using var http = new HttpClient();
        var pages = new List<string>();
        foreach (var copy in content.SyndicatedCopies)
        {
            pages.Add(await http.GetStringAsync(server.PageUrl(copy)));
        }

        Assert.Contains("Leave a Comment", pages[0], StringComparison.Ordinal);
        Assert.Contains("Morning briefing", pages[1], StringComparison.Ordinal);
        Assert.Contains("#NATO", pages[2], StringComparison.Ordinal);
        Assert.DoesNotContain("Leave a Comment", pages[1], StringComparison.Ordinal);
    }
}
