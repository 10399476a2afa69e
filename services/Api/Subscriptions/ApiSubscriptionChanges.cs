using MediaMonitor.Contracts.Api;

namespace MediaMonitor.Api.Subscriptions;

/// <summary>What query and delivery changes and pauses add to <see cref="ApiSubscription"/>.</summary>
public sealed partial record ApiSubscription
{
    public DateTimeOffset? QueryChangedAt { get; init; }

    public DateTimeOffset? DeliveryChangedAt { get; init; }

    /// <summary>Paused: raises nothing until resumed or until <see cref="PausedUntil"/>.</summary>
    public bool Paused { get; init; }

    /// <summary>Muted: alerts are recorded but not pushed until resumed or until <see cref="PausedUntil"/>.</summary>
    public bool Muted { get; init; }

    public DateTimeOffset? PausedUntil { get; init; }

    public string? PauseReason { get; init; }
}

/// <summary>Query and delivery changes, pauses and resumptions, folded inline with the append.</summary>
public sealed partial class ApiSubscriptionProjection
{
    public static ApiSubscription Apply(SubscriptionQueryChanged e, ApiSubscription s) => s with { Query = e.Query, QueryChangedAt = e.ChangedAt };

    public static ApiSubscription Apply(SubscriptionDeliveryChanged e, ApiSubscription s) =>
        s with { WebhookUrl = e.WebhookUrl, Delivery = ApiSubscriptionDelivery.From(e.Delivery), DeliveryChangedAt = e.ChangedAt };

    public static ApiSubscription Apply(SubscriptionPaused e, ApiSubscription s) =>
        s with { Paused = e.StopsMatching, Muted = !e.StopsMatching, PausedUntil = e.Until, PauseReason = e.Reason };

    public static ApiSubscription Apply(SubscriptionResumed e, ApiSubscription s) => s with { Paused = false, Muted = false, PausedUntil = null, PauseReason = null };
}
