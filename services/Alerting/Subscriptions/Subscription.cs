using MediaMonitor.Contracts.Api;
using MediaMonitor.ServiceDefaults.Subscriptions;
using MediaMonitor.Text.Querying;

namespace MediaMonitor.Alerting.Subscriptions;

/// <summary>
/// A subscription as the matcher and the delivery need it: its parsed query and where to deliver. The catalog holds it
/// without credentials (SecretVersion only); WebhookSecret and SlackUrl are filled in from the sealed document by
/// <see cref="Delivery.SubscriptionSecrets"/> just before a delivery.
/// </summary>
public sealed record Subscription(
    Guid Id,
    string TenantId,
    string Name,
    string QueryText,
    Query Query,
    string? WebhookUrl,
    string? WebhookSecret = null,
    SubscriptionDelivery? Delivery = null,
    DateTimeOffset CreatedAt = default,
    int SecretVersion = 0,
    string? SlackUrl = null)
{
    /// <summary>The subscription of a SubscriptionCreated event, or null (with the reason) when its query does not parse.</summary>
    public static (Subscription? Subscription, QueryParseError? Error) From(SubscriptionCreated created) => From(SubscriptionState.Create(created));

    /// <summary>The subscription a state (the shared aggregate) describes, or null (with the reason) when its query does not parse.</summary>
    public static (Subscription? Subscription, QueryParseError? Error) From(SubscriptionState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var parsed = QueryParser.Parse(state.Query);
        return parsed.Query is null
            ? (null, parsed.Error)
            : (new Subscription(state.Id, state.TenantId, state.Name, state.Query, parsed.Query, state.WebhookUrl, null, state.Delivery,
                state.CreatedAt, state.SecretVersion), null);
    }

    /// <summary>
    /// The subscription a read model record describes: its current settings with the last query that parsed; null (with the
    /// reason) when none has.
    /// </summary>
    public static (Subscription? Subscription, QueryParseError? Error) From(SubscriptionRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return record is { State: { } state, MatchedQuery: { } matched } ? (From(state with { Query = matched }).Subscription, record.QueryError) : (null, record.QueryError);
    }
}
