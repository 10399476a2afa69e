using MediaMonitor.Contracts.Api;

namespace MediaMonitor.ServiceDefaults.Subscriptions;

/// <summary>
/// The subscription aggregate: what decisions on a subscription stream need, folded by <see cref="Create"/> and the
/// Apply methods (Marten folds it live in FetchForWriting; <see cref="Fold"/> does the same for tests and readers).
/// It holds the version of the delivery credentials, never the credentials (they live sealed in a DeliverySecret document).
/// </summary>
public sealed record SubscriptionState(
    Guid Id,
    string TenantId,
    string Name,
    string Query,
    string? WebhookUrl,
    int SecretVersion,
    SubscriptionDelivery? Delivery,
    DateTimeOffset CreatedAt)
{
    /// <summary>Paused: raises nothing until resumed or until <see cref="PausedUntil"/>.</summary>
    public bool Paused { get; init; }

    /// <summary>Muted: alerts are recorded but not pushed until resumed or until <see cref="PausedUntil"/>.</summary>
    public bool Muted { get; init; }

    public DateTimeOffset? PausedUntil { get; init; }

    public static SubscriptionState Create(SubscriptionCreated e) =>
        new(e.SubscriptionId, e.TenantId, e.Name, e.Query, e.WebhookUrl, e.SecretVersion, e.Delivery, e.CreatedAt);

    public SubscriptionState Apply(SubscriptionQueryChanged e) => this with { Query = e.Query };

    public SubscriptionState Apply(SubscriptionDeliveryChanged e) => this with { WebhookUrl = e.WebhookUrl, SecretVersion = e.SecretVersion, Delivery = e.Delivery };

    public SubscriptionState Apply(WebhookSecretRotated e) => this with { SecretVersion = e.SecretVersion };

    public SubscriptionState Apply(SubscriptionPaused e) => this with { Paused = e.StopsMatching, Muted = !e.StopsMatching, PausedUntil = e.Until };

    public SubscriptionState Apply(SubscriptionResumed e) => this with { Paused = false, Muted = false, PausedUntil = null };

    /// <summary>The state a stream's events leave (null: no SubscriptionCreated yet); unknown events change nothing.</summary>
    public static SubscriptionState? Fold(IEnumerable<object> events) => events.Aggregate((SubscriptionState?)null, Step);

    /// <summary>One event folded into the state (Alerting's SubscriptionHistory folds with it, step by step).</summary>
    public static SubscriptionState? Step(SubscriptionState? state, object e) => (state, e) switch
    {
        (_, SubscriptionCreated c) => Create(c),
        (null, _) => null,
        (_, SubscriptionQueryChanged q) => state.Apply(q),
        (_, SubscriptionDeliveryChanged d) => state.Apply(d),
        (_, WebhookSecretRotated r) => state.Apply(r),
        (_, SubscriptionPaused p) => state.Apply(p),
        (_, SubscriptionResumed r) => state.Apply(r),
        _ => state,
    };
}
