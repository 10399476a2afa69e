using Marten;
using MediaMonitor.Contracts;
using MediaMonitor.ServiceDefaults;

namespace MediaMonitor.Alerting.Delivery;

/// <summary>
/// Records a notice (a digest or a spike) in its own stream together with one pending delivery per channel, which the
/// sweeper takes up should this replica stop before the send records its outcome. The stream id is deterministic, so of
/// two replicas only the first starts it.
/// </summary>
public static class NoticeRecording
{
    /// <summary>True when this call started the notice; false when another replica (or an earlier run) already had.</summary>
    public static async Task<bool> TryStartAsync(
        IDocumentSession session, Guid noticeId, object started, Guid subscriptionId, IReadOnlyList<DeliveryTarget> targets,
        DateTimeOffset claimUntil, CancellationToken cancellationToken)
    {
        session.Events.StartStream(noticeId, started);
        foreach (var target in targets)
        {
            session.Store(new PendingDelivery
            {
                Id = StreamIdentity.ForDelivery(noticeId, target.Channel), StreamId = noticeId, SubscriptionId = subscriptionId, Channel = target.Channel,
                NextAttemptAt = claimUntil,
            });
        }

        try
        {
            await session.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (Exception e) when (WriteConflict.Is(e))
        {
            return false;
        }
    }
}
