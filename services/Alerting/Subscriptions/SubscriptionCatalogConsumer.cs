using MassTransit;
using MediaMonitor.Contracts.Api;

namespace MediaMonitor.Alerting.Subscriptions;

/// <summary>Adds a new subscription to this replica's catalog (each replica has its own temporary queue).</summary>
public sealed class SubscriptionCatalogConsumer(SubscriptionCatalog catalog) : IConsumer<SubscriptionCreated>
{
    public Task Consume(ConsumeContext<SubscriptionCreated> context)
    {
        catalog.Apply(context.Message);
        return Task.CompletedTask;
    }
}
