namespace MediaMonitor.Contracts.Alerting;

/// <summary>Delivery of an alert on a channel was given up (retry window over, or the target can never work), with the reason.</summary>
[MessageUrn("MediaMonitor.Contracts:AlertDeadLettered")]
[EntityName("MediaMonitor.Contracts:AlertDeadLettered")]
public sealed record AlertDeadLettered(Guid AlertId, string Channel, int Attempts, string Reason, DateTimeOffset DeadLetteredAt);
