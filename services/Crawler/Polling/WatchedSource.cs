namespace MediaMonitor.Crawler.Polling;

/// <summary>What the crawler remembers about one source between polls: validators for the conditional GET and when to poll next.</summary>
public sealed record WatchedSource(Guid SourceId, string TenantId, Uri Url, string? ETag, string? LastModified, DateTimeOffset NextPollAt, int ConsecutiveFailures);
