using Marten;
using MediaMonitor.ServiceDefaults;
using Npgsql;

namespace MediaMonitor.Alerting.Alerts;

/// <summary>
/// One writer at a time per alert stream, across consumers and replicas. Matching (AlertRaised, AlertUpdated) and
/// delivery (DeliveryClaimed, AlertDelivered, ...) append to the same stream; each takes the stream's turn (a
/// transaction-scoped advisory lock) before it reads the stream's version, so the second waits for the first's commit and
/// then reads what it wrote. Without the turn the second failed on the stream version, often after PostgreSQL had drawn
/// event sequence numbers for the batch: its rollback left a gap in mt_events that held every service's async daemon
/// (relays and projections) until the gap was judged dead (three seconds by default), the p99 of every stage of the
/// pipeline benchmark.
/// </summary>
public static class AlertStreamTurns
{
    /// <summary>Begins the session's transaction and takes the turn of every stream given; the transaction's end releases them.</summary>
    public static async Task TakeAsync(IDocumentSession session, IEnumerable<Guid> streamIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        await session.BeginTransactionAsync(cancellationToken);
        await TransactionLocks.TakeAsync((NpgsqlConnection)session.Connection!, streamIds.Select(TransactionLocks.ForStream), cancellationToken);
    }

    /// <summary>
    /// Takes the stream's turn and says whether it is still at <paramref name="expectedVersion"/> (0: not started). When it
    /// moved on, the caller decides again on what it holds now, before appending anything.
    /// </summary>
    public static async Task<bool> TakeAtVersionAsync(IDocumentSession session, Guid streamId, long expectedVersion, CancellationToken cancellationToken)
    {
        await TakeAsync(session, [streamId], cancellationToken);
        var state = await session.Events.FetchStreamStateAsync(streamId, cancellationToken);
        return (state?.Version ?? 0) == expectedVersion;
    }
}
