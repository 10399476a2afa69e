using Marten;
using MassTransit;
using MediaMonitor.Alerting.Alerts;
using MediaMonitor.Alerting.Subscriptions;
using MediaMonitor.Contracts;
using Microsoft.Extensions.Options;

namespace MediaMonitor.Alerting.Delivery;

/// <summary>
/// Delivers a raised alert to its subscription's webhook, retrying with exponential backoff and recording every attempt
/// (AlertDelivered / AlertDeliveryFailed) in the alert stream. A delivered alert is never posted again.
/// </summary>
public sealed class WebhookDeliveryConsumer(
    IDocumentStore store,
    SubscriptionCatalog catalog,
    WebhookSender sender,
    IOptions<AlertingOptions> options,
    TimeProvider clock,
    ILogger<WebhookDeliveryConsumer> logger) : IConsumer<AlertRaised>
{
    public const string Channel = "webhook";

    public async Task Consume(ConsumeContext<AlertRaised> context)
    {
        var raised = context.Message;
        var subscription = catalog.Find(raised.SubscriptionId);
        if (subscription is null)
        {
            await using var query = store.QuerySession();
            await catalog.LoadAsync(query, context.CancellationToken);
            subscription = catalog.Find(raised.SubscriptionId);
        }

        if (subscription?.WebhookUrl is not { } webhook)
        {
            return;
        }

        var settings = options.Value.Delivery;
        await using var session = store.LightweightSession();
        var alert = AlertState.From(raised.AlertId, (await session.Events.FetchStreamAsync(raised.AlertId, token: context.CancellationToken)).Select(e => e.Data));
        if (alert.Delivered)
        {
            return;
        }

        if (!Uri.TryCreate(webhook, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            session.Events.Append(raised.AlertId, new AlertDeliveryFailed(raised.AlertId, Channel, alert.FailedAttempts + 1,
                $"the webhook URL '{webhook}' is not an absolute http(s) URL", clock.GetUtcNow()));
            await session.SaveChangesAsync(context.CancellationToken);
            return;
        }

        for (var i = 0; i < settings.ImmediateAttempts; i++)
        {
            var attempt = alert.FailedAttempts + 1;
            var (delivered, reason) = await sender.SendAsync(url, WebhookPayload.For(alert, subscription), context.CancellationToken);
            object outcome = delivered
                ? new AlertDelivered(raised.AlertId, Channel, attempt, clock.GetUtcNow())
                : new AlertDeliveryFailed(raised.AlertId, Channel, attempt, reason!, clock.GetUtcNow());
            session.Events.Append(raised.AlertId, outcome);
            await session.SaveChangesAsync(context.CancellationToken);
            alert = AlertState.Apply(alert, outcome);
            if (delivered)
            {
                return;
            }

            logger.LogWarning("Webhook delivery of alert {AlertId} failed (attempt {Attempt}): {Reason}", raised.AlertId, attempt, reason);
            await Task.Delay(Backoff.After(alert.FailedAttempts, TimeSpan.FromMilliseconds(settings.InitialBackoffMilliseconds),
                TimeSpan.FromSeconds(settings.MaxBackoffSeconds)), clock, context.CancellationToken);
        }
    }
}
