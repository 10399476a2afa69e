namespace MediaMonitor.Alerting.Delivery;

/// <summary>
/// A delivery (one stream on one channel) that is claimed or will be retried: written in the same transaction as the
/// claim or the failure and deleted with the outcome that settles it. The retry sweeper's work list, rebuildable from the streams.
/// </summary>
public sealed class PendingDelivery
{
    /// <summary>StreamIdentity.ForDelivery(StreamId, Channel).</summary>
    public Guid Id { get; set; }

    /// <summary>The alert, digest or spike stream.</summary>
    public Guid StreamId { get; set; }

    public Guid SubscriptionId { get; set; }

    public string Channel { get; set; } = DeliveryTarget.Webhook;

    public DateTimeOffset NextAttemptAt { get; set; }
}
