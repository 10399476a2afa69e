using MassTransit;
using MediaMonitor.Contracts.Alerting;

namespace MediaMonitor.Alerting.Delivery;

/// <summary>
/// Pushes a raised alert at once on each of its subscription's channels (webhook, Slack, e-mail), retrying a few times
/// while it holds the message; the queue keeps its first name, webhook-delivery, for the dashboards and autoscalers.
/// </summary>
public sealed class WebhookDeliveryConsumer(ChannelDeliverer deliverer) : IConsumer<AlertRaised>
{
    public async Task Consume(ConsumeContext<AlertRaised> context)
    {
        if (context.Message.Backfilled)
        {
            return;
        }

        var subscription = await deliverer.FindSubscriptionAsync(context.Message.SubscriptionId, context.CancellationToken);
        var targets = subscription is null ? [] : DeliveryTarget.ForAlerts(subscription);
        await deliverer.DeliverNowAsync(context.Message.AlertId, context.Message.SubscriptionId, targets, context.CancellationToken);
    }
}
