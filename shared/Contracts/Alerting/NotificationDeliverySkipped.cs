namespace MediaMonitor.Contracts.Alerting;

/// <summary>A digest or spike notice was recorded but deliberately not sent on a channel (the subscription is muted), with the reason.</summary>
[MessageUrn("MediaMonitor.Contracts:NotificationDeliverySkipped")]
[EntityName("MediaMonitor.Contracts:NotificationDeliverySkipped")]
public sealed record NotificationDeliverySkipped(Guid NotificationId, string Channel, string Reason, DateTimeOffset SkippedAt);
