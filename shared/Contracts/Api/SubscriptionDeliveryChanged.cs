namespace MediaMonitor.Contracts.Api;

/// <summary>
/// An analyst replaced a subscription's delivery settings: its webhook URL and its e-mail, Slack, immediate, digest and
/// spike options. It carries the whole new settings, not a difference; the next alert, digest or spike notice goes by
/// them. SecretVersion is the version of the delivery credentials from now on (a new one when the signing secret or the
/// Slack URL changed); the credentials themselves are kept in a sealed document, never here.
/// </summary>
[MessageUrn("MediaMonitor.Contracts:SubscriptionDeliveryChanged")]
[EntityName("MediaMonitor.Contracts:SubscriptionDeliveryChanged")]
public sealed record SubscriptionDeliveryChanged(
    Guid SubscriptionId,
    string TenantId,
    string? WebhookUrl,
    SubscriptionDelivery? Delivery,
    DateTimeOffset ChangedAt,
    int SecretVersion = 0);
