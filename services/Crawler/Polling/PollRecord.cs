namespace MediaMonitor.Crawler.Polling;

/// <summary>
/// Whether a successful poll is worth a SourcePolled event (pure). At 2,000 feeds polled every minute, recording every
/// 304 was 33 events a second that every service's daemon woke for and the Api folded, and that told nobody anything.
/// A poll is recorded when it found new items, ended a failure streak, changed the validators, the feed URL or the
/// adaptive interval (so that SourceDirectory.Fold replays the same interval from the recorded polls alone), when the
/// source has no recorded poll yet, or as a heartbeat once the last recorded poll is <c>heartbeat</c> old.
/// </summary>
public static class PollRecord
{
    public static bool IsWorthRecording(WatchedSource before, WatchedSource after, int newItems, DateTimeOffset polledAt, TimeSpan heartbeat)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        return newItems > 0
            || before.ConsecutiveFailures > 0
            || before.ETag != after.ETag
            || before.LastModified != after.LastModified
            || before.FeedUrl != after.FeedUrl
            || before.Interval != after.Interval
            || polledAt - before.LastRecordedPollAt >= heartbeat;
    }
}
