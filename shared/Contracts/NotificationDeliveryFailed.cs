namespace MediaMonitor.Contracts;

/// <summary>One attempt to send a digest or spike notice (stream NotificationId) on a channel failed; another may follow.</summary>
public sealed record NotificationDeliveryFailed(Guid NotificationId, string Channel, int Attempt, string Reason, DateTimeOffset FailedAt);
