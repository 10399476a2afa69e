using MassTransit;
using MediaMonitor.Contracts;
using Microsoft.Extensions.Options;

namespace MediaMonitor.Alerting.Delivery;

/// <summary>
/// Delivers a raised alert right away, retrying a few times with exponential backoff while the consumer holds the
/// message; longer outages are left to the <see cref="DeliveryRetrySweeper"/>, which keeps trying within the retry window.
/// </summary>
public sealed class WebhookDeliveryConsumer(AlertDeliverer deliverer, IOptions<AlertingOptions> options, TimeProvider clock)
    : IConsumer<AlertRaised>
{
    public async Task Consume(ConsumeContext<AlertRaised> context)
    {
        var settings = options.Value.Delivery;
        for (var i = 0; i < settings.ImmediateAttempts; i++)
        {
            var last = i == settings.ImmediateAttempts - 1;
            var holdFor = last ? TimeSpan.Zero : TimeSpan.FromSeconds(settings.ImmediateMaxWaitSeconds + 30);
            var step = await deliverer.StepAsync(context.Message.AlertId, context.Message.SubscriptionId, holdFor, context.CancellationToken);
            if (step is not DeliveryStep.WaitUntil wait || last)
            {
                return;
            }

            var delay = wait.At - clock.GetUtcNow();
            if (delay > TimeSpan.FromSeconds(settings.ImmediateMaxWaitSeconds))
            {
                // Too long to hold the message: hand over to the sweeper now.
                await deliverer.StepAsync(context.Message.AlertId, context.Message.SubscriptionId, TimeSpan.Zero, context.CancellationToken);
                return;
            }

            await Task.Delay(delay > TimeSpan.Zero ? delay : TimeSpan.Zero, clock, context.CancellationToken);
        }
    }
}
