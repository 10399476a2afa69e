namespace MediaMonitor.Contracts;

/// <summary>
/// An analyst replaced a subscription's delivery settings: its webhook (URL and the secret deliveries are signed with) and
/// its e-mail, Slack, immediate, digest and spike options. It carries the whole new settings, not a difference; the
/// next alert, digest or spike notice goes by them.
/// </summary>
public sealed record SubscriptionDeliveryChanged(
    Guid SubscriptionId,
    string TenantId,
    string? WebhookUrl,
    string? WebhookSecret,
    SubscriptionDelivery? Delivery,
    DateTimeOffset ChangedAt);
