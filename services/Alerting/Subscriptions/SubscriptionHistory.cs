using MediaMonitor.Contracts.Api;
using MediaMonitor.ServiceDefaults.Subscriptions;
using MediaMonitor.Text.Querying;

namespace MediaMonitor.Alerting.Subscriptions;

/// <summary>
/// A subscription as its stream leaves it: created, its query and delivery settings perhaps changed, perhaps paused (a pause that stops
/// matching; a mute only holds back pushes and is the delivery's business). Null subscription: never created, or its
/// query never parsed.
/// </summary>
public sealed record SubscriptionHistory(Subscription? Subscription, DateTimeOffset? PausedUntil, QueryParseError? Error)
{
    /// <summary>Every pause (that stopped matching) from when it was recorded until it ended or will end, oldest first.</summary>
    public IReadOnlyList<PauseSpan> Pauses { get; init; } = [];

    /// <summary>
    /// Folds the shared aggregate (<see cref="SubscriptionState"/>, the one the Api decides with) and adds what matching
    /// needs beyond it: the parsed query (the last one that parsed) and the spans of past pauses.
    /// </summary>
    public static SubscriptionHistory Fold(IEnumerable<object> events)
    {
        SubscriptionState? state = null;
        Subscription? subscription = null;
        DateTimeOffset? pausedUntil = null;
        var pausedFrom = DateTimeOffset.MinValue;
        var pauses = new List<PauseSpan>();
        QueryParseError? error = null;
        foreach (var e in events)
        {
            state = SubscriptionState.Step(state, e);
            switch (e)
            {
                case SubscriptionCreated when state is not null:
                    (subscription, error) = Subscription.From(state);
                    break;
                case SubscriptionQueryChanged when state is not null:
                    // A query that no longer parses (a stricter parser) keeps the last one that did.
                    var (changed, changeError) = Subscription.From(state);
                    subscription = changed ?? subscription;
                    error = changeError;
                    break;
                case SubscriptionDeliveryChanged or WebhookSecretRotated when state is not null:
                    // In stream order: a later query change starts from these settings, as the state does.
                    subscription = subscription is null ? null : subscription with { WebhookUrl = state.WebhookUrl, SecretVersion = state.SecretVersion, Delivery = state.Delivery };
                    break;
                case SubscriptionPaused { StopsMatching: true } p:
                    Close(pauses, pausedFrom, pausedUntil, p.PausedAt);
                    (pausedFrom, pausedUntil) = (p.PausedAt, p.Until ?? DateTimeOffset.MaxValue);
                    break;
                case SubscriptionResumed r:
                    Close(pauses, pausedFrom, pausedUntil, r.ResumedAt);
                    pausedUntil = null;
                    break;
            }
        }

        Close(pauses, pausedFrom, pausedUntil, DateTimeOffset.MaxValue);
        return new SubscriptionHistory(subscription, pausedUntil, error) { Pauses = pauses };
    }

    public bool IsPausedAt(DateTimeOffset now) => PausedUntil is { } until && until > now;

    private static void Close(List<PauseSpan> pauses, DateTimeOffset from, DateTimeOffset? until, DateTimeOffset endedAt)
    {
        if (until is not { } end)
        {
            return;
        }

        var closed = end < endedAt ? end : endedAt;
        if (closed > from)
        {
            pauses.Add(new PauseSpan(from, closed));
        }
    }
}

/// <summary>A pause from <see cref="From"/> (when it was recorded) until <see cref="Until"/> (exclusive).</summary>
public sealed record PauseSpan(DateTimeOffset From, DateTimeOffset Until)
{
    public bool Covers(DateTimeOffset t) => From <= t && t < Until;
}
