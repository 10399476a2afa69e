namespace MediaMonitor.Contracts.Alerting;

/// <summary>One delivery attempt failed; another may follow.</summary>
[MessageUrn("MediaMonitor.Contracts:AlertDeliveryFailed")]
[EntityName("MediaMonitor.Contracts:AlertDeliveryFailed")]
public sealed record AlertDeliveryFailed(Guid AlertId, string Channel, int Attempt, string Reason, DateTimeOffset FailedAt);
