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
    /// Folds the events as the read model does (<see cref="SubscriptionRecord"/>, on the shared aggregate the Api decides
    /// with): backfill folds a stream up to a version, the catalog reads the records.
    /// </summary>
    public static SubscriptionHistory Fold(IEnumerable<object> events) => Of(SubscriptionRecord.Fold(events));

    /// <summary>What matching needs of a record: the subscription with its last query that parsed, and its pauses.</summary>
    public static SubscriptionHistory Of(SubscriptionRecord? record)
    {
        if (record is null)
        {
            return new SubscriptionHistory(null, null, null);
        }

        var (subscription, error) = Subscription.From(record);
        return new SubscriptionHistory(subscription, record.PausedUntil, error) { Pauses = record.Pauses() };
    }

    public bool IsPausedAt(DateTimeOffset now) => PausedUntil is { } until && until > now;
}
