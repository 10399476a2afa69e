namespace MediaMonitor.Contracts.Alerting;

/// <summary>An alert was recorded but deliberately not pushed (subscription muted, hourly limit reached), with the reason.</summary>
[MessageUrn("MediaMonitor.Contracts:AlertDeliverySkipped")]
[EntityName("MediaMonitor.Contracts:AlertDeliverySkipped")]
public sealed record AlertDeliverySkipped(Guid AlertId, string Channel, string Reason, DateTimeOffset SkippedAt);
