namespace MediaMonitor.Contracts.Alerting;

/// <summary>One attempt to send a digest or spike notice (stream NotificationId) on a channel failed; another may follow.</summary>
[MessageUrn("MediaMonitor.Contracts:NotificationDeliveryFailed")]
[EntityName("MediaMonitor.Contracts:NotificationDeliveryFailed")]
public sealed record NotificationDeliveryFailed(Guid NotificationId, string Channel, int Attempt, string Reason, DateTimeOffset FailedAt);
