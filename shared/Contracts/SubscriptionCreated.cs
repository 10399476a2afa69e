namespace MediaMonitor.Contracts;

/// <summary>An analyst subscribed to a query.</summary>
public sealed record SubscriptionCreated(
    Guid SubscriptionId,
    string TenantId,
    string Name,
    string Query,
    string? WebhookUrl,
    DateTimeOffset CreatedAt);
