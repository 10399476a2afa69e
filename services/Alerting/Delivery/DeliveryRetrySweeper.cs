using Marten;
using MediaMonitor.ServiceDefaults;
using Microsoft.Extensions.Options;

namespace MediaMonitor.Alerting.Delivery;

/// <summary>
/// Retries deliveries whose next attempt (or a lapsed claim) is due, until delivered or dead-lettered (the retry window
/// is hours, not a consumer's lifetime). Every replica sweeps; the claim in <see cref="ChannelDeliverer"/> keeps two
/// replicas from sending the same attempt.
/// </summary>
public sealed class DeliveryRetrySweeper(
    IDocumentStore store, ChannelDeliverer deliverer, IOptions<AlertingOptions> options, TimeProvider clock, ILogger<DeliveryRetrySweeper> logger) : PeriodicWork(clock, logger)
{
    protected override TimeSpan Period => options.Value.Delivery.SweepInterval;

    protected override string FailureMessage => "Retrying due deliveries failed";

    protected override Task RunRoundAsync(CancellationToken cancellationToken) => SweepAsync(cancellationToken);

    public async Task SweepAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<PendingDelivery> due;
        await using (var session = store.QuerySession())
        {
            var now = Clock.GetUtcNow();
            due = await session.Query<PendingDelivery>().Where(p => p.NextAttemptAt <= now).OrderBy(p => p.NextAttemptAt).Take(200)
                .ToListAsync(cancellationToken);
        }

        // Work items written before deliveries had channels (no StreamId) are dropped; their alerts' streams still show them.
        if (due.Any(p => p.StreamId == Guid.Empty))
        {
            await using var session = store.LightweightSession();
            session.DeleteWhere<PendingDelivery>(p => p.StreamId == Guid.Empty);
            await session.SaveChangesAsync(cancellationToken);
            due = [.. due.Where(p => p.StreamId != Guid.Empty)];
        }

        await Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken },
            async (pending, ct) => await deliverer.StepAsync(pending.StreamId, pending.SubscriptionId, pending.Channel, TimeSpan.Zero, ct, fromWorkItem: true));
    }
}
