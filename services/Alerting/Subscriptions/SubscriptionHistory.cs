using MediaMonitor.Contracts;
using MediaMonitor.Text.Querying;

namespace MediaMonitor.Alerting.Subscriptions;

/// <summary>
/// A subscription as its stream leaves it: created, its query perhaps changed, perhaps paused (a pause that stops
/// matching; a mute only holds back pushes and is the delivery's business). Null subscription: never created, or its
/// query never parsed.
/// </summary>
public sealed record SubscriptionHistory(Subscription? Subscription, DateTimeOffset? PausedUntil, QueryParseError? Error)
{
    public static SubscriptionHistory Fold(IEnumerable<object> events)
    {
        SubscriptionCreated? created = null;
        Subscription? subscription = null;
        DateTimeOffset? pausedUntil = null;
        QueryParseError? error = null;
        string? rotatedSecret = null;
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
                case SubscriptionPaused { StopsMatching: true } p:
                    pausedUntil = p.Until ?? DateTimeOffset.MaxValue;
                    break;
                case SubscriptionResumed:
                    pausedUntil = null;
                    break;
                case WebhookSecretRotated r:
                    rotatedSecret = r.Secret;
                    break;
            }
        }

        // The latest secret signs; applied last, so a query change (rebuilt from SubscriptionCreated) keeps it.
        if (rotatedSecret is not null && subscription is not null)
        {
            subscription = subscription with { WebhookSecret = rotatedSecret };
        }

        return new SubscriptionHistory(subscription, pausedUntil, error);
    }

    public bool IsPausedAt(DateTimeOffset now) => PausedUntil is { } until && until > now;
}
