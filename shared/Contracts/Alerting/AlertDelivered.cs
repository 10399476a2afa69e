namespace MediaMonitor.Contracts.Alerting;

/// <summary>An alert reached its channel.</summary>
[MessageUrn("MediaMonitor.Contracts:AlertDelivered")]
[EntityName("MediaMonitor.Contracts:AlertDelivered")]
public sealed record AlertDelivered(Guid AlertId, string Channel, int Attempt, DateTimeOffset DeliveredAt);
