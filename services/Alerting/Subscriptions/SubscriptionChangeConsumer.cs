using Marten;
using MassTransit;
using MediaMonitor.Contracts.Api;

namespace MediaMonitor.Alerting.Subscriptions;

/// <summary>
/// Follows query and delivery changes, pauses and webhook secret rotations in this replica's catalog (each replica has its
/// own temporary queue). It refolds the subscription's whole stream, so messages arriving out of order or twice leave the same result.
/// </summary>
public sealed class SubscriptionChangeConsumer(IDocumentStore store, SubscriptionCatalog catalog)
    : IConsumer<SubscriptionQueryChanged>, IConsumer<SubscriptionDeliveryChanged>, IConsumer<SubscriptionPaused>, IConsumer<SubscriptionResumed>,
        IConsumer<WebhookSecretRotated>
{
    public Task Consume(ConsumeContext<SubscriptionQueryChanged> context) => RefoldAsync(context.Message.SubscriptionId, context.CancellationToken);

    public Task Consume(ConsumeContext<SubscriptionDeliveryChanged> context) => RefoldAsync(context.Message.SubscriptionId, context.CancellationToken);

    public Task Consume(ConsumeContext<SubscriptionPaused> context) => RefoldAsync(context.Message.SubscriptionId, context.CancellationToken);

    public Task Consume(ConsumeContext<SubscriptionResumed> context) => RefoldAsync(context.Message.SubscriptionId, context.CancellationToken);

    public Task Consume(ConsumeContext<WebhookSecretRotated> context) => RefoldAsync(context.Message.SubscriptionId, context.CancellationToken);

    private async Task RefoldAsync(Guid subscriptionId, CancellationToken cancellationToken)
    {
        await using var session = store.QuerySession();
        var stream = await session.Events.FetchStreamAsync(subscriptionId, token: cancellationToken);
        catalog.Apply(subscriptionId, stream.Select(e => e.Data));
    }
}
