namespace MediaMonitor.Contracts;

/// <summary>A subscription's webhook signing secret was replaced: deliveries from now on are signed with the new one only.</summary>
public sealed record WebhookSecretRotated(Guid SubscriptionId, string TenantId, string Secret, DateTimeOffset RotatedAt);
