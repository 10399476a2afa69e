namespace MediaMonitor.Contracts.Crawler;

/// <summary>The crawler polled a source; validators are kept for the next conditional GET.</summary>
[MessageUrn("MediaMonitor.Contracts:SourcePolled")]
[EntityName("MediaMonitor.Contracts:SourcePolled")]
public sealed record SourcePolled(Guid SourceId, int NewItems, string? ETag, string? LastModified, bool NotModified, DateTimeOffset PolledAt);
