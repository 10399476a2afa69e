namespace MediaMonitor.Contracts;

/// <summary>
/// An analyst subscribed to a query. WebhookSecret, when set, is the per-subscription key webhook deliveries are signed
/// with (HMAC-SHA256; see docs/config/Alerting.md); the Api generates it and shows it to the subscriber. Delivery, when
/// set, adds e-mail / Slack channels, digests and spike alerts.
/// </summary>
public sealed record SubscriptionCreated(
    Guid SubscriptionId,
    string TenantId,
    string Name,
    string Query,
    string? WebhookUrl,
    DateTimeOffset CreatedAt,
    string? WebhookSecret = null,
    SubscriptionDelivery? Delivery = null);
