namespace MediaMonitor.Contracts;

/// <summary>
/// A subscription's webhook signing secret was replaced: deliveries from now on are signed with the new one only, the
/// one stored (sealed) under <paramref name="SecretVersion"/>. The secret itself is never in the event.
/// </summary>
public sealed record WebhookSecretRotated(Guid SubscriptionId, string TenantId, DateTimeOffset RotatedAt, int SecretVersion = 0);
