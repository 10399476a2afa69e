namespace MediaMonitor.Contracts;

/// <summary>A digest or spike notice was recorded but deliberately not sent on a channel (the subscription is muted), with the reason.</summary>
public sealed record NotificationDeliverySkipped(Guid NotificationId, string Channel, string Reason, DateTimeOffset SkippedAt);
