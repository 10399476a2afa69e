namespace MediaMonitor.Contracts.Api;

/// <summary>
/// An analyst subscribed to a query. Delivery, when set, adds e-mail / Slack channels, digests and spike alerts.
/// SecretVersion, when above 0, is the version of the subscription's delivery credentials (its webhook signing secret,
/// its Slack URL), which live sealed in a document, never in an event (docs/ARCHITECTURE.md, Secrets). Events stored
/// before that held a WebhookSecret field; it is ignored on read and moved out by the Api at startup.
/// </summary>
[MessageUrn("MediaMonitor.Contracts:SubscriptionCreated")]
[EntityName("MediaMonitor.Contracts:SubscriptionCreated")]
public sealed record SubscriptionCreated(
    Guid SubscriptionId,
    string TenantId,
    string Name,
    string Query,
    string? WebhookUrl,
    DateTimeOffset CreatedAt,
    SubscriptionDelivery? Delivery = null,
    int SecretVersion = 0);
