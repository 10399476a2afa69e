using MediaMonitor.Contracts;
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

    public static SubscriptionHistory Fold(IEnumerable<object> events)
    {
        SubscriptionCreated? created = null;
        Subscription? subscription = null;
        DateTimeOffset? pausedUntil = null;
        var pausedFrom = DateTimeOffset.MinValue;
        var pauses = new List<PauseSpan>();
        QueryParseError? error = null;
        foreach (var e in events)
        {
            switch (e)
            {
                case SubscriptionCreated c:
                    created = c;
                    (subscription, error) = Subscription.From(c);
                    break;
                case SubscriptionQueryChanged q when created is not null:
                    // A query that no longer parses (a stricter parser) keeps the last one that did.
                    var (changed, changeError) = Subscription.From(created with { Query = q.Query });
                    subscription = changed ?? subscription;
                    error = changeError;
                    break;
                case SubscriptionDeliveryChanged d when created is not null:
                    // Kept on the creation too, so a later query change starts from the new settings.
                    created = created with { WebhookUrl = d.WebhookUrl, WebhookSecret = d.WebhookSecret, Delivery = d.Delivery };
                    subscription = subscription is null ? null : subscription with { WebhookUrl = d.WebhookUrl, WebhookSecret = d.WebhookSecret, Delivery = d.Delivery };
                    break;
                case SubscriptionPaused { StopsMatching: true } p:
                    Close(pauses, pausedFrom, pausedUntil, p.PausedAt);
                    (pausedFrom, pausedUntil) = (p.PausedAt, p.Until ?? DateTimeOffset.MaxValue);
                    break;
                case SubscriptionResumed r:
                    Close(pauses, pausedFrom, pausedUntil, r.ResumedAt);
                    pausedUntil = null;
                    break;
                case WebhookSecretRotated r when created is not null:
                    // In stream order with delivery changes (each carries a secret); kept on the creation for later query changes.
                    created = created with { WebhookSecret = r.Secret };
                    subscription = subscription is null ? null : subscription with { WebhookSecret = r.Secret };
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
