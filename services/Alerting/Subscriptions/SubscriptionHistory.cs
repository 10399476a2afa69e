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
    public static SubscriptionHistory Fold(IEnumerable<object> events)
    {
        SubscriptionCreated? created = null;
        Subscription? subscription = null;
        DateTimeOffset? pausedUntil = null;
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
                    pausedUntil = p.Until ?? DateTimeOffset.MaxValue;
                    break;
                case SubscriptionResumed:
                    pausedUntil = null;
                    break;
            }
        }

        return new SubscriptionHistory(subscription, pausedUntil, error);
    }

    public bool IsPausedAt(DateTimeOffset now) => PausedUntil is { } until && until > now;
}
