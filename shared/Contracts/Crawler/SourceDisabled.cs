namespace MediaMonitor.Contracts.Crawler;

/// <summary>A source failed too many times in a row and is no longer polled until it is resumed.</summary>
[MessageUrn("MediaMonitor.Contracts:SourceDisabled")]
[EntityName("MediaMonitor.Contracts:SourceDisabled")]
public sealed record SourceDisabled(Guid SourceId, string Reason, int ConsecutiveFailures, DateTimeOffset DisabledAt);
