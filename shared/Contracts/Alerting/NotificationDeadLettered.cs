namespace MediaMonitor.Contracts.Alerting;

/// <summary>Sending a digest or spike notice on a channel was given up (retry window over, or the target can never work).</summary>
[MessageUrn("MediaMonitor.Contracts:NotificationDeadLettered")]
[EntityName("MediaMonitor.Contracts:NotificationDeadLettered")]
public sealed record NotificationDeadLettered(Guid NotificationId, string Channel, int Attempts, string Reason, DateTimeOffset DeadLetteredAt);
