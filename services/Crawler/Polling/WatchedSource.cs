namespace MediaMonitor.Crawler.Polling;

/// <summary>
/// What the crawler remembers about one source between polls: the feed it reads (the source URL itself, or the feed an
/// HTML page advertises), validators for the conditional GET, its adaptive interval, its failure streak, and when its
/// last poll was recorded (a poll that changed nothing is recorded only as a heartbeat: PollRecord).
/// </summary>
public sealed record WatchedSource(
    Guid SourceId,
    string TenantId,
    Uri Url,
    Uri? FeedUrl,
    string? ETag,
    string? LastModified,
    TimeSpan Interval,
    DateTimeOffset NextPollAt,
    int ConsecutiveFailures,
    bool Disabled,
    long StreamVersion,
    DateTimeOffset LastRecordedPollAt = default);
