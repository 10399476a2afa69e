using MassTransit;
using MediaMonitor.Alerting.Subscriptions;
using MediaMonitor.Contracts;

namespace MediaMonitor.Alerting.Backfill;

/// <summary>Backfills a new subscription (one replica runs it: a shared queue).</summary>
public sealed class SubscriptionBackfillConsumer(SubscriptionBackfill backfill, ILogger<SubscriptionBackfillConsumer> logger) : IConsumer<SubscriptionCreated>
{
    public async Task Consume(ConsumeContext<SubscriptionCreated> context)
    {
        var (subscription, error) = Subscription.From(context.Message);
        if (subscription is null)
        {
            logger.LogWarning("No backfill for subscription {SubscriptionId}: its query does not parse ({Error})", context.Message.SubscriptionId, error);
            return;
        }

        await backfill.RunAsync(subscription, context.Message.CreatedAt, context.CancellationToken);
    }
}
