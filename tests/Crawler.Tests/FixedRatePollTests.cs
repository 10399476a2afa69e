namespace MediaMonitor.Crawler.Tests;

/// <summary>
/// The poller schedules a source's next poll one interval after the poll was due (PollPlan.NextAfterPoll), whatever the
/// poll's own duration, so a feed's period is its interval and not the interval plus the time a poll takes.
/// </summary>
public sealed class FixedRatePollTests
{
    [Fact]
    public async Task A_poll_started_late_is_followed_by_one_due_an_interval_after_the_first_was_due()
    {
        var env = await TestEnvironment.CreateAsync("fixedrate");
        await using var site = await LoopbackSite.StartAsync((app, _) =>
            app.MapGet("/feed.xml", (HttpContext c) =>
            {
                c.Response.ContentType = "application/rss+xml";
                return c.Response.WriteAsync(FixturePages.Rss($"http://{c.Request.Host}"));
            }));
        await using var crawler = await CrawlerHost.StartAsync(env, new Dictionary<string, string?>
        {
            ["Crawler:PollIntervalSeconds"] = "60",
            ["Crawler:MinPollIntervalSeconds"] = "60",
            ["Crawler:MaxPollIntervalSeconds"] = "60",
        });
        var poller = crawler.Services.GetRequiredService<SourcePoller>();
        var feed = site.Url("/feed.xml");

        // Due 20 s ago (it waited behind its host): the next poll is due 40 s from now, not 60 s after this poll ends.
        var due = DateTimeOffset.UtcNow.AddSeconds(-20);
        var source = new WatchedSource(StreamIdentity.ForSource("t", feed), "t", new Uri(feed), null, null, null, TimeSpan.FromSeconds(60), due, 0, false, 0);
        var polled = await poller.PollAsync(source, CancellationToken.None);

        Assert.Equal(0, polled.ConsecutiveFailures);
        Assert.Equal(due.AddSeconds(60), polled.NextPollAt);
    }
}
