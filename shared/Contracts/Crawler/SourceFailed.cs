namespace MediaMonitor.Contracts.Crawler;

/// <summary>Polling a source failed, with the reason.</summary>
[MessageUrn("MediaMonitor.Contracts:SourceFailed")]
[EntityName("MediaMonitor.Contracts:SourceFailed")]
public sealed record SourceFailed(Guid SourceId, string Reason, DateTimeOffset FailedAt);
