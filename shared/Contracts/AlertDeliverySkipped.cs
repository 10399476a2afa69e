namespace MediaMonitor.Contracts;

/// <summary>An alert was recorded but deliberately not pushed (subscription muted, hourly limit reached), with the reason.</summary>
public sealed record AlertDeliverySkipped(Guid AlertId, string Channel, string Reason, DateTimeOffset SkippedAt);
