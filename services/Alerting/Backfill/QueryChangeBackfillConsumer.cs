using Marten;
using MassTransit;
using MediaMonitor.Alerting.Subscriptions;
using MediaMonitor.Contracts;

namespace MediaMonitor.Alerting.Backfill;

/// <summary>
/// Backfills a subscription with its new query (one replica runs it: a shared queue), unless the subscription is
/// paused: a paused subscription raises nothing.
/// </summary>
public sealed class QueryChangeBackfillConsumer(
    IDocumentStore store, SubscriptionBackfill backfill, TimeProvider clock, ILogger<QueryChangeBackfillConsumer> logger)
    : IConsumer<SubscriptionQueryChanged>
{
    public async Task Consume(ConsumeContext<SubscriptionQueryChanged> context)
    {
        var changed = context.Message;
        IReadOnlyList<object> stream;
        await using (var session = store.QuerySession())
        {
            stream = [.. (await session.Events.FetchStreamAsync(changed.SubscriptionId, token: context.CancellationToken)).Select(e => e.Data)];
        }

        // The stream up to and including this change, so a later change does not backfill this one's query.
        var upTo = stream.TakeWhile(e => !Equals(e, changed)).Append(changed);
        var history = SubscriptionHistory.Fold(upTo);
        if (history.Subscription is not { } subscription || subscription.QueryText != changed.Query)
        {
            logger.LogWarning("No backfill for subscription {SubscriptionId}: its new query does not parse ({Error})", changed.SubscriptionId, history.Error);
            return;
        }

        if (history.IsPausedAt(clock.GetUtcNow()))
        {
            logger.LogInformation("No backfill for subscription {SubscriptionId}: it is paused", changed.SubscriptionId);
            return;
        }

        await backfill.RunAsync(subscription, changed.ChangedAt, context.CancellationToken);
    }
}
