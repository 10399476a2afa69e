namespace MediaMonitor.Contracts.Crawler;

/// <summary>A disabled source is polled again.</summary>
[MessageUrn("MediaMonitor.Contracts:SourceResumed")]
[EntityName("MediaMonitor.Contracts:SourceResumed")]
public sealed record SourceResumed(Guid SourceId, DateTimeOffset ResumedAt);
