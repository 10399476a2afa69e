namespace MediaMonitor.Contracts;

/// <summary>A disabled source is polled again.</summary>
public sealed record SourceResumed(Guid SourceId, DateTimeOffset ResumedAt);
