namespace MediaMonitor.Crawler.Tests;

public sealed class PollRecordTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 6, 3, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Heartbeat = TimeSpan.FromMinutes(15);
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    private static WatchedSource Source(DateTimeOffset lastRecorded) => new(
        Guid.NewGuid(), "t", new Uri("https://news.example/feed"), null, "\"v1\"", "Sun, 06 Dec 2026 02:00:00 GMT", Minute, T0, 0, false, 3, lastRecorded);

    [Fact]
    public void A_poll_that_found_and_changed_nothing_is_recorded_only_as_the_heartbeat()
    {
        var before = Source(T0.AddMinutes(-5));
        var after = before with { NextPollAt = T0 + Minute };

        Assert.False(PollRecord.IsWorthRecording(before, after, 0, T0, Heartbeat));
        Assert.False(PollRecord.IsWorthRecording(before, after, 0, T0.AddMinutes(9).AddSeconds(59), Heartbeat));
        Assert.True(PollRecord.IsWorthRecording(before, after, 0, T0.AddMinutes(10), Heartbeat));
        Assert.True(PollRecord.IsWorthRecording(before, after, 0, T0, TimeSpan.Zero));
    }

    [Fact]
    public void New_items_a_changed_validator_feed_or_interval_an_ended_failure_streak_or_no_earlier_record_are_always_recorded()
    {
        var before = Source(T0.AddMinutes(-1));
        Assert.True(PollRecord.IsWorthRecording(before, before, 1, T0, Heartbeat));
        Assert.True(PollRecord.IsWorthRecording(before, before with { ETag = "\"v2\"" }, 0, T0, Heartbeat));
        Assert.True(PollRecord.IsWorthRecording(before, before with { LastModified = "Sun, 06 Dec 2026 02:30:00 GMT" }, 0, T0, Heartbeat));
        Assert.True(PollRecord.IsWorthRecording(before, before with { FeedUrl = new Uri("https://news.example/rss") }, 0, T0, Heartbeat));
        Assert.True(PollRecord.IsWorthRecording(before, before with { Interval = Minute * 1.5 }, 0, T0, Heartbeat));
        Assert.True(PollRecord.IsWorthRecording(before with { ConsecutiveFailures = 2 }, before, 0, T0, Heartbeat));
        Assert.True(PollRecord.IsWorthRecording(Source(default), Source(default), 0, T0, Heartbeat));
    }

    [Fact]
    public void A_resumed_source_has_no_recorded_poll_and_a_304_keeps_the_validator_it_does_not_name()
    {
        var options = new CrawlerOptions { PollIntervalSeconds = 60 };
        var id = Guid.NewGuid();
        var added = new SourceAdded(id, "t", "https://news.example/feed", T0);
        var state = SourceDirectory.Fold(added, new Uri(added.Url),
            [new SourcePolled(id, 2, "\"v1\"", "Sun, 06 Dec 2026 02:00:00 GMT", false, T0), new SourcePolled(id, 0, "\"v2\"", null, true, T0.AddMinutes(1))], 3, options);
        Assert.Equal(("\"v2\"", "Sun, 06 Dec 2026 02:00:00 GMT", T0.AddMinutes(1)), (state.ETag, state.LastModified, state.LastRecordedPollAt));

        var resumed = SourceDirectory.Fold(added, new Uri(added.Url),
            [new SourcePolled(id, 2, "\"v1\"", null, false, T0), new SourceDisabled(id, "failed", 10, T0.AddHours(1)), new SourceResumed(id, T0.AddDays(1))], 4, options);
        Assert.Equal(DateTimeOffset.MinValue, resumed.LastRecordedPollAt);
    }

    [Fact]
    public void After_a_restart_overdue_sources_are_spread_over_their_interval_and_the_others_keep_their_due_time()
    {
        var now = T0.AddHours(1);
        var overdue = Enumerable.Range(0, 200).Select(_ => SourceDirectory.SpreadIfOverdue(Source(T0) with { SourceId = Guid.NewGuid(), NextPollAt = T0 }, now)).ToList();
        Assert.All(overdue, s => Assert.InRange(s.NextPollAt, now, now + Minute));
        Assert.True(overdue.Count(s => s.NextPollAt < now + Minute / 2) is > 50 and < 150, "about half in the first half of the interval");

        var notYet = Source(T0) with { NextPollAt = now.AddSeconds(30) };
        Assert.Equal(notYet, SourceDirectory.SpreadIfOverdue(notYet, now));
        var neverPolled = Source(default) with { NextPollAt = DateTimeOffset.MinValue };
        Assert.Equal(neverPolled, SourceDirectory.SpreadIfOverdue(neverPolled, now));
    }
}
