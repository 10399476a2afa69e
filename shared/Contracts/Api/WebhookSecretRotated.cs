namespace MediaMonitor.Contracts.Api;

/// <summary>
/// A subscription's webhook signing secret was replaced: deliveries from now on are signed with the new one only, the
/// one stored (sealed) under <paramref name="SecretVersion"/>. The secret itself is never in the event.
/// </summary>
[MessageUrn("MediaMonitor.Contracts:WebhookSecretRotated")]
[EntityName("MediaMonitor.Contracts:WebhookSecretRotated")]
public sealed record WebhookSecretRotated(Guid SubscriptionId, string TenantId, DateTimeOffset RotatedAt, int SecretVersion = 0);
