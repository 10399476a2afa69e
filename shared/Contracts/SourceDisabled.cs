namespace MediaMonitor.Contracts;

/// <summary>A source failed too many times in a row and is no longer polled until it is resumed.</summary>
public sealed record SourceDisabled(Guid SourceId, string Reason, int ConsecutiveFailures, DateTimeOffset DisabledAt);
