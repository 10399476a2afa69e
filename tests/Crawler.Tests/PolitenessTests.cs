using MediaMonitor.Crawler.Politeness;

namespace MediaMonitor.Crawler.Tests;

public sealed class PolitenessTests
{
    [Fact]
    public async Task Host_queue_serializes_requests_to_one_host_and_spaces_them_by_the_delay()
    {
        var schedule = new HostSchedule(TimeProvider.System);
        var uri = new Uri("http://news.example/a");
        var starts = new List<DateTimeOffset>();
        var tasks = Enumerable.Range(0, 3).Select(async _ =>
        {
            using var lease = await schedule.EnterAsync(uri, TimeSpan.FromMilliseconds(150), CancellationToken.None);
            lock (starts)
            {
                starts.Add(DateTimeOffset.UtcNow);
            }

            await Task.Delay(20);
        });
        await Task.WhenAll(tasks);
        var ordered = starts.Order().ToList();
        Assert.All(ordered.Zip(ordered.Skip(1)), pair => Assert.True(pair.Second - pair.First >= TimeSpan.FromMilliseconds(140), $"{pair.Second - pair.First}"));
    }

    [Fact]
    public async Task Different_hosts_do_not_wait_for_each_other()
    {
        var schedule = new HostSchedule(TimeProvider.System);
        using var a = await schedule.EnterAsync(new Uri("http://a.example/"), TimeSpan.FromSeconds(30), CancellationToken.None);
        using var b = await schedule.EnterAsync(new Uri("http://b.example/"), TimeSpan.Zero, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(2));
        Assert.NotNull(b);
    }

    [Fact]
    public void Retry_after_defers_the_host()
    {
        var schedule = new HostSchedule(TimeProvider.System);
        var uri = new Uri("https://busy.example/x");
        schedule.Defer(uri, TimeSpan.FromMinutes(2));
        Assert.InRange(schedule.NotBefore(uri) - DateTimeOffset.UtcNow, TimeSpan.FromSeconds(110), TimeSpan.FromSeconds(121));
        Assert.Equal(DateTimeOffset.MinValue, schedule.NotBefore(new Uri("https://busy.example:8443/x")));
    }

    [Fact]
    public void Backoff_grows_exponentially_with_jitter_and_stays_capped()
    {
        var baseDelay = TimeSpan.FromSeconds(60);
        var max = TimeSpan.FromHours(1);
        Assert.Equal(TimeSpan.FromSeconds(120), Backoff.After(2, baseDelay, max, 1));
        Assert.Equal(TimeSpan.FromSeconds(60), Backoff.After(2, baseDelay, max, 0));
        Assert.Equal(TimeSpan.FromSeconds(240), Backoff.After(3, baseDelay, max, 1));
        Assert.Equal(max, Backoff.After(30, baseDelay, max, 1));
    }

    [Fact]
    public void Busy_feeds_are_polled_sooner_and_quiet_feeds_later_within_bounds()
    {
        var min = TimeSpan.FromSeconds(60);
        var max = TimeSpan.FromSeconds(3600);
        Assert.Equal(TimeSpan.FromSeconds(300), AdaptiveInterval.Next(TimeSpan.FromSeconds(600), 10, min, max));
        Assert.Equal(TimeSpan.FromSeconds(900), AdaptiveInterval.Next(TimeSpan.FromSeconds(600), 0, min, max));
        Assert.Equal(min, AdaptiveInterval.Next(TimeSpan.FromSeconds(70), 50, min, max));
        Assert.Equal(max, AdaptiveInterval.Next(TimeSpan.FromSeconds(3000), 0, min, max));
    }
}
