namespace MediaMonitor.Contracts;

/// <summary>Polling a source failed, with the reason.</summary>
public sealed record SourceFailed(Guid SourceId, string Reason, DateTimeOffset FailedAt);
