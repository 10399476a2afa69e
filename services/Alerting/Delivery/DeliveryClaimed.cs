namespace MediaMonitor.Alerting.Delivery;

/// <summary>
/// A replica took delivery attempt Attempt of an alert, digest or spike notice on Channel until Until; appended at the
/// stream's expected version, so of two replicas only one sends. A claim that lapses without an outcome is taken again.
/// Alerting's own bookkeeping: stored in the alert, digest and spike streams, read by Alerting only, never relayed.
/// </summary>
public sealed record DeliveryClaimed(Guid StreamId, string Channel, int Attempt, string Claimant, DateTimeOffset ClaimedAt, DateTimeOffset Until)
{
    /// <summary>The name it is stored under (mt_events.type) since it first landed as a contract (f2f36d9).</summary>
    public const string StoredName = "delivery_claimed";
}
