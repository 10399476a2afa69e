using MassTransit;
using MediaMonitor.Contracts.Alerting;

namespace MediaMonitor.Alerting.Delivery;

/// <summary>
/// Pushes a raised alert at once on each of its subscription's channels (webhook, Slack, e-mail), retrying a few times
/// while it holds the message; the queue keeps its first name, webhook-delivery, for the dashboards and autoscalers.
/// The replica that raised the alert has usually pushed it already (<see cref="RaisedAlertPushes"/>): the message then
/// finds it delivered and does nothing, and it stays the guarantee when that replica stopped first.
/// </summary>
public sealed class WebhookDeliveryConsumer(ChannelDeliverer deliverer) : IConsumer<AlertRaised>
{
    public async Task Consume(ConsumeContext<AlertRaised> context)
    {
        await deliverer.DeliverRaisedAsync(context.Message, context.CancellationToken);
    }
}
