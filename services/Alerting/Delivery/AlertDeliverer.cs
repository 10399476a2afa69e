using Marten;
using MediaMonitor.Alerting.Alerts;
using MediaMonitor.Alerting.Subscriptions;
using MediaMonitor.Contracts;
using Microsoft.Extensions.Options;

namespace MediaMonitor.Alerting.Delivery;

/// <summary>
/// Takes one delivery step for an alert and records it: the attempt's outcome (AlertDelivered / AlertDeliveryFailed)
/// or AlertDeadLettered, appended at the expected stream version so two replicas never both record the same attempt,
/// with the <see cref="PendingDelivery"/> work item kept in the same transaction.
/// </summary>
public sealed class AlertDeliverer(
    IDocumentStore store,
    SubscriptionCatalog catalog,
    WebhookSender sender,
    IOptions<AlertingOptions> options,
    TimeProvider clock,
    AlertingMetrics metrics,
    ILogger<AlertDeliverer> logger)
{
    public const string Channel = "webhook";

    /// <summary>
    /// Runs the next step; returns it (after an attempt, the step that follows). A retry is always written down for the
    /// sweeper; <paramref name="holdFor"/> keeps the sweeper off it that much longer while the caller retries itself.
    /// </summary>
    public async Task<DeliveryStep> StepAsync(Guid alertId, Guid subscriptionId, TimeSpan holdFor, CancellationToken cancellationToken)
    {
        var subscription = await FindSubscriptionAsync(subscriptionId, cancellationToken);
        var alert = await LoadAsync(alertId, cancellationToken);
        var hold = alert.Raised is { Backfilled: false } raised && !alert.Delivered && !alert.DeadLettered && !alert.Skipped
            ? await HoldReasonAsync(raised, cancellationToken)
            : null;
        var step = DeliveryPolicy.Next(alert, subscription?.WebhookUrl, clock.GetUtcNow(), options.Value.Delivery, hold);
        if (step is not DeliveryStep.Attempt attempt)
        {
            await using var session = store.LightweightSession();
            switch (step)
            {
                case DeliveryStep.WaitUntil wait:
                    session.Store(new PendingDelivery { Id = alertId, SubscriptionId = subscriptionId, NextAttemptAt = wait.At });
                    break;
                case DeliveryStep.Skip skip:
                    session.Events.Append(alertId, alert.Version + 1, new AlertDeliverySkipped(alertId, Channel, skip.Reason, clock.GetUtcNow()));
                    session.Delete<PendingDelivery>(alertId);
                    logger.LogInformation("Alert {AlertId} not pushed: {Reason}", alertId, skip.Reason);
                    break;
                case DeliveryStep.DeadLetter dead:
                    session.Events.Append(alertId, alert.Version + 1, new AlertDeadLettered(alertId, Channel, alert.FailedAttempts, dead.Reason, clock.GetUtcNow()));
                    session.Delete<PendingDelivery>(alertId);
                    metrics.DeadLettered(Channel);
                    logger.LogWarning("Alert {AlertId} dead-lettered: {Reason}", alertId, dead.Reason);
                    break;
                default:
                    session.Delete<PendingDelivery>(alertId);
                    break;
            }

            return await SaveAsync(session, step, cancellationToken);
        }

        var (delivered, reason) = await sender.SendAsync(new Uri(subscription!.WebhookUrl!), WebhookPayload.For(alert, subscription),
            subscription.WebhookSecret, cancellationToken);
        object outcome = delivered
            ? new AlertDelivered(alertId, Channel, attempt.Number, clock.GetUtcNow())
            : new AlertDeliveryFailed(alertId, Channel, attempt.Number, reason!, clock.GetUtcNow());
        if (!delivered)
        {
            logger.LogWarning("Webhook delivery of alert {AlertId} failed (attempt {Attempt}): {Reason}", alertId, attempt.Number, reason);
        }

        // Matching may append AlertUpdated meanwhile: on a version conflict, re-read and record the outcome unless
        // another delivery already recorded this attempt (then its record stands).
        for (var tries = 0; ; tries++)
        {
            await using var session = store.LightweightSession();
            var next = Record(session, alert, outcome, subscriptionId, subscription.WebhookUrl, holdFor);
            try
            {
                await session.SaveChangesAsync(cancellationToken);
                await CountAsync(alert, delivered, next, cancellationToken);
                return next;
            }
            catch (Exception e) when (tries < 5 && e is JasperFx.Events.EventStreamUnexpectedMaxEventIdException or JasperFx.ConcurrencyException)
            {
                alert = await LoadAsync(alertId, cancellationToken);
                if (alert.Delivered || alert.DeadLettered || alert.FailedAttempts >= attempt.Number)
                {
                    return new DeliveryStep.Done("another delivery recorded this attempt first");
                }
            }
        }
    }

    private async Task CountAsync(AlertState alert, bool delivered, DeliveryStep next, CancellationToken cancellationToken)
    {
        if (!delivered)
        {
            metrics.Failed(Channel);
            if (next is DeliveryStep.DeadLetter)
            {
                metrics.DeadLettered(Channel);
            }

            return;
        }

        TimeSpan? sinceFetched = null;
        if (alert.Raised is { } raised)
        {
            await using var session = store.QuerySession();
            var fetched = await session.Events.QueryRawEventDataOnly<ArticleFetched>()
                .Where(f => f.ArticleId == raised.FirstArticleId).FirstOrDefaultAsync(cancellationToken);
            sinceFetched = fetched is null ? null : clock.GetUtcNow() - fetched.FetchedAt;
        }

        metrics.Delivered(Channel, sinceFetched);
    }

    /// <summary>Mute and hourly limit, from the subscription's stream and the alerts it raised in the trailing hour.</summary>
    private async Task<string?> HoldReasonAsync(AlertRaised raised, CancellationToken cancellationToken)
    {
        await using var session = store.QuerySession();
        var subscriptionEvents = (await session.Events.FetchStreamAsync(raised.SubscriptionId, token: cancellationToken)).Select(e => e.Data);
        var max = options.Value.Delivery.MaxPushesPerHour;
        var since = raised.RaisedAt - TimeSpan.FromHours(1);

        // The database keeps microseconds, .NET ticks: fetch with a margin and compare exactly here, ties broken by alert id.
        var margin = TimeSpan.FromSeconds(1);
        var lower = since - margin;
        var upper = raised.RaisedAt + margin;
        var nearby = max <= 0 ? [] : await session.Events.QueryRawEventDataOnly<AlertRaised>()
            .Where(r => r.SubscriptionId == raised.SubscriptionId && !r.Backfilled && r.RaisedAt > lower && r.RaisedAt < upper)
            .ToListAsync(cancellationToken);
        var inHour = nearby.Count(r => r.RaisedAt > since
            && (r.RaisedAt < raised.RaisedAt || (r.RaisedAt == raised.RaisedAt && r.AlertId.CompareTo(raised.AlertId) <= 0)));
        return PushRules.Hold(subscriptionEvents, clock.GetUtcNow(), inHour, max);
    }

    private async Task<AlertState> LoadAsync(Guid alertId, CancellationToken cancellationToken)
    {
        await using var session = store.QuerySession();
        return AlertState.From(alertId, (await session.Events.FetchStreamAsync(alertId, token: cancellationToken)).Select(e => e.Data));
    }

    /// <summary>Adds the outcome (and a dead-letter if the window is over) and keeps the sweeper's work item in step.</summary>
    private DeliveryStep Record(IDocumentSession session, AlertState alert, object outcome, Guid subscriptionId, string? webhookUrl, TimeSpan holdFor)
    {
        var alertId = alert.AlertId;
        session.Events.Append(alertId, alert.Version + 1, outcome);
        var next = DeliveryPolicy.Next(AlertState.Apply(alert, outcome), webhookUrl, clock.GetUtcNow(), options.Value.Delivery);
        switch (next)
        {
            case DeliveryStep.WaitUntil or DeliveryStep.Attempt:
                var at = next is DeliveryStep.WaitUntil w ? w.At : clock.GetUtcNow();
                session.Store(new PendingDelivery { Id = alertId, SubscriptionId = subscriptionId, NextAttemptAt = at + holdFor });
                break;
            case DeliveryStep.DeadLetter dead:
                var attempts = alert.FailedAttempts + 1;
                session.Events.Append(alertId, alert.Version + 2, new AlertDeadLettered(alertId, Channel, attempts, dead.Reason, clock.GetUtcNow()));
                session.Delete<PendingDelivery>(alertId);
                logger.LogWarning("Alert {AlertId} dead-lettered: {Reason}", alertId, dead.Reason);
                break;
            default:
                session.Delete<PendingDelivery>(alertId);
                break;
        }

        return next;
    }

    private async Task<DeliveryStep> SaveAsync(IDocumentSession session, DeliveryStep step, CancellationToken cancellationToken)
    {
        try
        {
            await session.SaveChangesAsync(cancellationToken);
            return step;
        }
        catch (Exception e) when (e is JasperFx.Events.EventStreamUnexpectedMaxEventIdException or JasperFx.ConcurrencyException)
        {
            // Another replica (or a copy of the same message) recorded this step first; its record stands.
            return new DeliveryStep.Done("another delivery recorded this step first");
        }
    }

    private async Task<Subscription?> FindSubscriptionAsync(Guid subscriptionId, CancellationToken cancellationToken)
    {
        if (catalog.Find(subscriptionId) is { } known)
        {
            return known;
        }

        await using var query = store.QuerySession();
        await catalog.LoadAsync(query, cancellationToken);
        return catalog.Find(subscriptionId);
    }
}
