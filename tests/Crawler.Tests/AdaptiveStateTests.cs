namespace MediaMonitor.Crawler.Tests;

public sealed class AdaptiveStateTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 29, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_quiet_sources_interval_is_replayed_from_its_polls_and_the_next_poll_is_one_interval_after_the_last()
    {
        var options = new CrawlerOptions { PollIntervalSeconds = 60, MaxPollIntervalSeconds = 3600 };
        var (added, id) = Added();
        var polls = Enumerable.Range(0, 5).Select(i => (object)new SourcePolled(id, 0, null, null, i > 0, T0.AddMinutes(i * 10))).ToList();

        var state = SourceDirectory.Fold(added, new Uri(added.Url), polls, 6, options);

        var expected = TimeSpan.FromSeconds(60 * Math.Pow(1.5, 5));
        Assert.Equal(expected, state.Interval);
        Assert.Equal(T0.AddMinutes(40) + expected, state.NextPollAt);
    }

    [Fact]
    public void A_busy_sources_interval_shrinks_to_the_minimum_and_stays_within_the_bounds()
    {
        var options = new CrawlerOptions { PollIntervalSeconds = 60, MinPollIntervalSeconds = 30, MaxPollIntervalSeconds = 600 };
        var (added, id) = Added();
        var busy = Enumerable.Range(0, 4).Select(i => (object)new SourcePolled(id, 12, "\"v\"", null, false, T0.AddMinutes(i))).ToList();
        Assert.Equal(TimeSpan.FromSeconds(30), SourceDirectory.Fold(added, new Uri(added.Url), busy, 5, options).Interval);

        var quiet = Enumerable.Range(0, 30).Select(i => (object)new SourcePolled(id, 0, null, null, true, T0.AddHours(i))).ToList();
        Assert.Equal(TimeSpan.FromSeconds(600), SourceDirectory.Fold(added, new Uri(added.Url), quiet, 31, options).Interval);
    }

    [Fact]
    public void A_failing_source_waits_a_backoff_after_its_last_failure_and_a_resumed_one_is_due_at_once()
    {
        var options = new CrawlerOptions { PollIntervalSeconds = 60 };
        var (added, id) = Added();
        var failed = SourceDirectory.Fold(added, new Uri(added.Url),
            [new SourcePolled(id, 1, null, null, false, T0), new SourceFailed(id, "HTTP 500", T0.AddMinutes(1)), new SourceFailed(id, "HTTP 500", T0.AddMinutes(3))], 4, options);
        Assert.Equal(2, failed.ConsecutiveFailures);
        Assert.InRange(failed.NextPollAt, T0.AddMinutes(3).AddSeconds(60), T0.AddMinutes(3).AddSeconds(120));

        var resumed = SourceDirectory.Fold(added, new Uri(added.Url),
            [new SourceFailed(id, "HTTP 500", T0), new SourceDisabled(id, "failed", 1, T0), new SourceResumed(id, T0.AddDays(1))], 4, options);
        Assert.False(resumed.Disabled);
        Assert.Equal(DateTimeOffset.MinValue, resumed.NextPollAt);
    }

    private static (SourceAdded Added, Guid Id) Added()
    {
        var id = Guid.NewGuid();
        return (new SourceAdded(id, "t", "https://news.example/feed", T0), id);
    }
}
