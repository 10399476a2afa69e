using Marten;
using MassTransit;
using MediaMonitor.Contracts.Api;
using MediaMonitor.ServiceDefaults.Subscriptions;

namespace MediaMonitor.Alerting.Subscriptions;

/// <summary>
/// Follows query and delivery changes, pauses and webhook secret rotations in this replica's catalog (each replica has its
/// own temporary queue). It reads the subscription's record, which the Api's inline projection wrote with the event, so
/// messages arriving out of order or twice leave the same result.
/// </summary>
public sealed class SubscriptionChangeConsumer(IDocumentStore store, SubscriptionCatalog catalog)
    : IConsumer<SubscriptionQueryChanged>, IConsumer<SubscriptionDeliveryChanged>, IConsumer<SubscriptionPaused>, IConsumer<SubscriptionResumed>,
        IConsumer<WebhookSecretRotated>
{
    public Task Consume(ConsumeContext<SubscriptionQueryChanged> context) => ReloadAsync(context.Message.SubscriptionId, context.CancellationToken);

    public Task Consume(ConsumeContext<SubscriptionDeliveryChanged> context) => ReloadAsync(context.Message.SubscriptionId, context.CancellationToken);

    public Task Consume(ConsumeContext<SubscriptionPaused> context) => ReloadAsync(context.Message.SubscriptionId, context.CancellationToken);

    public Task Consume(ConsumeContext<SubscriptionResumed> context) => ReloadAsync(context.Message.SubscriptionId, context.CancellationToken);

    public Task Consume(ConsumeContext<WebhookSecretRotated> context) => ReloadAsync(context.Message.SubscriptionId, context.CancellationToken);

    private async Task ReloadAsync(Guid subscriptionId, CancellationToken cancellationToken)
    {
        await using var session = store.QuerySession();
        // In a store written before the read model, the first read builds it.
        await catalog.EnsureLoadedAsync(session, cancellationToken);
        var record = await session.LoadAsync<SubscriptionRecord>(subscriptionId, cancellationToken);
        if (record?.State is null)
        {
            // Written before its record was built (the read model's first build was running): folded from its stream.
            record = await SubscriptionRecords.RepairAsync(store, subscriptionId, cancellationToken);
        }

        if (record is not null)
        {
            catalog.Apply(record);
        }
    }
}
