using MediaMonitor.Contracts;
using MediaMonitor.Text.Querying;

namespace MediaMonitor.Alerting.Subscriptions;

/// <summary>A subscription as the matcher and the delivery need it: its parsed query and where to deliver.</summary>
public sealed record Subscription(
    Guid Id,
    string TenantId,
    string Name,
    string QueryText,
    Query Query,
    string? WebhookUrl,
    string? WebhookSecret = null,
    SubscriptionDelivery? Delivery = null,
    DateTimeOffset CreatedAt = default)
{
    /// <summary>The subscription of a SubscriptionCreated event, or null (with the reason) when its query does not parse.</summary>
    public static (Subscription? Subscription, QueryParseError? Error) From(SubscriptionCreated created)
    {
        var parsed = QueryParser.Parse(created.Query);
        return parsed.Query is null
            ? (null, parsed.Error)
            : (new Subscription(created.SubscriptionId, created.TenantId, created.Name, created.Query, parsed.Query, created.WebhookUrl, created.WebhookSecret,
                created.Delivery, created.CreatedAt), null);
    }
}
