namespace MediaMonitor.Alerting.Delivery;

/// <summary>
/// An alert whose delivery failed and will be retried, written in the same transaction as the failure event and deleted
/// with the AlertDelivered or AlertDeadLettered event: the retry sweeper's work list, rebuildable from the alert streams.
/// </summary>
public sealed class PendingDelivery
{
    public Guid Id { get; set; }

    public Guid SubscriptionId { get; set; }

    public DateTimeOffset NextAttemptAt { get; set; }
}
