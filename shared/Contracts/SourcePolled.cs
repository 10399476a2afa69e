namespace MediaMonitor.Contracts;

/// <summary>The crawler polled a source; validators are kept for the next conditional GET.</summary>
public sealed record SourcePolled(Guid SourceId, int NewItems, string? ETag, string? LastModified, bool NotModified, DateTimeOffset PolledAt);
