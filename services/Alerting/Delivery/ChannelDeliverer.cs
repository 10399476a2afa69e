using Marten;
using Marten.Events;
using MediaMonitor.Alerting.Alerts;
using MediaMonitor.Alerting.Subscriptions;
using MediaMonitor.Contracts.Alerting;
using MediaMonitor.Contracts.Crawler;
using MediaMonitor.Contracts;
using MediaMonitor.ServiceDefaults;
using Microsoft.Extensions.Options;

namespace MediaMonitor.Alerting.Delivery;

/// <summary>
/// Takes one delivery step for an alert, digest or spike notice on one channel and records it. An attempt is first
/// claimed (DeliveryClaimed at the stream's expected version, so of two replicas only one sends), then its outcome
/// (delivered / failed) or a dead letter is appended, with the <see cref="PendingDelivery"/> work item kept in the same transaction.
/// </summary>
public sealed class ChannelDeliverer(
    IDocumentStore store,
    SubscriptionCatalog catalog,
    SubscriptionSecrets secrets,
    WebhookSender webhooks,
    EmailSender email,
    AlertHolds holds,
    ArticleFetchTimes fetchTimes,
    IOptions<AlertingOptions> options,
    TimeProvider clock,
    AlertingMetrics metrics,
    ILogger<ChannelDeliverer> logger)
{
    private readonly string _claimant = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid().ToString("N")[..8]}";

    private DeliveryOptions Settings => options.Value.Delivery;

    /// <summary>
    /// Pushes a raised alert on each of its subscription's alert channels; not a backfilled one, nor one raised when the
    /// subscription had no push channel (the relay does not publish these: the decision is the raise's, whatever the
    /// channels are by now).
    /// </summary>
    public async Task DeliverRaisedAsync(AlertRaised raised, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(raised);
        if (!AlertingRelay.Publishes(raised))
        {
            return;
        }

        var subscription = await FindSubscriptionAsync(raised.SubscriptionId, cancellationToken);
        var targets = subscription is null ? [] : DeliveryTarget.ForAlerts(subscription);
        await DeliverNowAsync(raised.AlertId, raised.SubscriptionId, targets, cancellationToken);
    }

    /// <summary>
    /// Delivers on every channel given, each retrying a few times while the caller waits; longer outages are left to the
    /// <see cref="DeliveryRetrySweeper"/>, which keeps trying within the retry window.
    /// </summary>
    public Task DeliverNowAsync(Guid streamId, Guid subscriptionId, IEnumerable<DeliveryTarget> targets, CancellationToken cancellationToken) =>
        Task.WhenAll(targets.Select(t => DeliverNowAsync(streamId, subscriptionId, t.Channel, cancellationToken)));

    private async Task DeliverNowAsync(Guid streamId, Guid subscriptionId, string channel, CancellationToken cancellationToken)
    {
        for (var i = 0; i < Settings.ImmediateAttempts; i++)
        {
            var last = i == Settings.ImmediateAttempts - 1;
            var holdFor = last ? TimeSpan.Zero : TimeSpan.FromSeconds(Settings.ImmediateMaxWaitSeconds + 30);
            var step = await StepAsync(streamId, subscriptionId, channel, holdFor, cancellationToken);
            if (step is not DeliveryStep.WaitUntil wait || last)
            {
                return;
            }

            var delay = wait.At - clock.GetUtcNow();
            if (delay > TimeSpan.FromSeconds(Settings.ImmediateMaxWaitSeconds))
            {
                // Too long to wait here: hand over to the sweeper now.
                await StepAsync(streamId, subscriptionId, channel, TimeSpan.Zero, cancellationToken);
                return;
            }

            await Task.Delay(delay > TimeSpan.Zero ? delay : TimeSpan.Zero, clock, cancellationToken);
        }
    }

    /// <summary>
    /// Runs the next step; returns it (after an attempt, the step that follows). A retry is always written down for the
    /// sweeper; <paramref name="holdFor"/> keeps the sweeper off it that much longer while the caller retries itself.
    /// <paramref name="fromWorkItem"/>: the sweeper found a <see cref="PendingDelivery"/> for it, which a step that ends
    /// the delivery deletes even when the stream says it is settled.
    /// </summary>
    public async Task<DeliveryStep> StepAsync(
        Guid streamId, Guid subscriptionId, string channel, TimeSpan holdFor, CancellationToken cancellationToken, bool fromWorkItem = false)
    {
        var subscription = await FindSubscriptionAsync(subscriptionId, cancellationToken);
        var target = DeliveryTarget.Find(subscription, channel);
        for (var tries = 0; ; tries++)
        {
            var events = await LoadAsync(streamId, cancellationToken);
            var deliverable = Deliverable.From(streamId, events);
            var state = ChannelDelivery.From(channel, events);
            var now = clock.GetUtcNow();
            var hold = state.Settled || state.Backfilled || target is null ? null : deliverable switch
            {
                AlertDeliverable alert => await holds.ReasonAsync(alert.Alert.Raised!, cancellationToken),
                DigestDeliverable or SpikeDeliverable => await holds.NoticeReasonAsync(subscriptionId, cancellationToken),
                _ => null,
            };
            var step = deliverable is null ? new DeliveryStep.Done("the stream holds nothing to deliver") : DeliveryPolicy.Next(state, target, now, Settings, hold);
            var message = step is DeliveryStep.Attempt ? deliverable!.Compose(subscription!) : null;
            if (step is DeliveryStep.Attempt && channel == DeliveryTarget.Email && email.NotConfigured() is { } notConfigured)
            {
                step = new DeliveryStep.DeadLetter(notConfigured);
            }
            else if (step is DeliveryStep.Attempt && message is null)
            {
                step = new DeliveryStep.Done("there is nothing to say (an empty digest)");
            }

            if (step is not DeliveryStep.Attempt attempt)
            {
                return await RecordStepAsync(deliverable, state, streamId, subscriptionId, step, fromWorkItem, cancellationToken);
            }

            var claim = new DeliveryClaimed(streamId, channel, attempt.Number, _claimant, now, now + TimeSpan.FromSeconds(Settings.ClaimSeconds));
            ChannelDelivery claimed;
            await using (var session = store.LightweightSession())
            {
                if (!await AlertStreamTurns.TakeAtVersionAsync(session, streamId, state.Version, cancellationToken) && tries < 5)
                {
                    // The alert was updated (or claimed) meanwhile: decide again on the new stream, having appended nothing.
                    continue;
                }

                session.Events.Append(streamId, state.Version + 1, claim);
                session.Store(Pending(streamId, subscriptionId, channel, claim.Until));
                try
                {
                    await session.SaveChangesAsync(cancellationToken);
                    claimed = ChannelDelivery.Apply(state, claim);
                }
                catch (Exception e) when (WriteConflict.Is(e) && tries < 5)
                {
                    // Another replica claimed it, or the alert was updated meanwhile: decide again on the new stream.
                    continue;
                }
                catch (Exception e) when (!WriteConflict.Is(e) && !cancellationToken.IsCancellationRequested && tries < 5)
                {
                    // The commit's outcome is unknown (the connection broke around it): once the store answers again, the
                    // claim is ours if it is there, else nothing was appended and the step is decided again.
                    logger.LogWarning("Claiming {Channel} delivery of {StreamId} ended without an answer ({Error}); reading the stream again",
                        channel, streamId, e.GetBaseException().Message);
                    if (await ClaimAfterUnknownCommitAsync(streamId, claim, cancellationToken) is not { } landed)
                    {
                        continue;
                    }

                    claimed = landed;
                }
            }

            return await SendAndRecordAsync(deliverable!, claimed, target!, message!, attempt.Number, subscription!, holdFor, cancellationToken);
        }
    }

    /// <summary>
    /// After a claim's commit ended in an error: reads the stream (waiting for the store up to half the claim's length, then giving up with the store's error)
    /// and returns the delivery state when this claim is there and still holds long enough to send, or null when the
    /// claim is not there. Without this, a claim committed just before a database restart held its own claimant off for
    /// the claim's whole length (a minute by default) before the sweeper sent the alert.
    /// </summary>
    private async Task<ChannelDelivery?> ClaimAfterUnknownCommitAsync(Guid streamId, DeliveryClaimed claim, CancellationToken cancellationToken)
    {
        var giveUpAt = clock.GetUtcNow() + TimeSpan.FromSeconds(Settings.ClaimSeconds / 2.0);
        for (var wait = TimeSpan.FromMilliseconds(200); ; wait = TimeSpan.FromTicks(Math.Min(wait.Ticks * 2, TimeSpan.FromSeconds(2).Ticks)))
        {
            try
            {
                var state = ChannelDelivery.From(claim.Channel, await LoadAsync(streamId, cancellationToken));
                var holds = state.Claim == claim && !state.Settled && clock.GetUtcNow() + TimeSpan.FromSeconds(Settings.TimeoutSeconds) < claim.Until;
                return holds ? state : null;
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested && clock.GetUtcNow() + wait < giveUpAt)
            {
                logger.LogDebug("The store did not answer yet ({Error}); reading {StreamId} again in {Wait}", e.GetBaseException().Message, streamId, wait);
            }

            await Task.Delay(wait, clock, cancellationToken);
        }
    }

    private async Task<DeliveryStep> SendAndRecordAsync(
        Deliverable deliverable, ChannelDelivery state, DeliveryTarget target, OutgoingMessage message, int attempt, Subscription subscription,
        TimeSpan holdFor, CancellationToken cancellationToken)
    {
        var (delivered, reason) = target.Channel == DeliveryTarget.Email
            ? await email.SendAsync(target.Address, message, cancellationToken)
            : await webhooks.SendAsync(new Uri(target.Address), WebhookBody.For(target, message), message.IdempotencyKey, subscription.WebhookSecret,
                cancellationToken);
        var at = clock.GetUtcNow();
        var outcome = delivered ? deliverable.Delivered(target.Channel, attempt, at) : deliverable.Failed(target.Channel, attempt, reason!, at);
        if (!delivered)
        {
            logger.LogWarning("{Channel} delivery of {StreamId} failed (attempt {Attempt}): {Reason}", target.Channel, deliverable.StreamId, attempt, reason);
        }

        // Matching may have appended AlertUpdated meanwhile: the stream is read again under its turn (no writer that takes
        // turns can move it before the commit) and the outcome recorded unless another delivery recorded this attempt.
        for (var tries = 0; ; tries++)
        {
            await using var session = store.LightweightSession();
            await AlertStreamTurns.TakeAsync(session, [deliverable.StreamId], cancellationToken);
            var current = ChannelDelivery.From(target.Channel, await LoadAsync(session, deliverable.StreamId, cancellationToken));
            if (current.Version != state.Version)
            {
                if (current.Delivered || current.DeadLettered || current.FailedAttempts >= attempt)
                {
                    return new DeliveryStep.Done("another delivery recorded this attempt first");
                }

                state = current;
            }

            var next = Record(session, deliverable, state, outcome, target, subscription.Id, holdFor);
            try
            {
                await session.SaveChangesAsync(cancellationToken);
                await CountAsync(deliverable, target.Channel, delivered, next, cancellationToken);
                return next;
            }
            catch (Exception e) when (WriteConflict.Is(e) && tries < 5)
            {
                // A writer that takes no turn (a backfill batch) appended first: read it again.
            }
        }
    }

    /// <summary>Adds the outcome (and a dead letter if the window is over) and keeps the sweeper's work item in step.</summary>
    private DeliveryStep Record(
        IDocumentSession session, Deliverable deliverable, ChannelDelivery state, object outcome, DeliveryTarget target, Guid subscriptionId, TimeSpan holdFor)
    {
        var streamId = deliverable.StreamId;
        var now = clock.GetUtcNow();
        session.Events.Append(streamId, state.Version + 1, outcome);
        var after = ChannelDelivery.Apply(state, outcome);
        var next = DeliveryPolicy.Next(after, target, now, Settings);
        switch (next)
        {
            case DeliveryStep.WaitUntil or DeliveryStep.Attempt:
                var at = next is DeliveryStep.WaitUntil w ? w.At : now;
                session.Store(Pending(streamId, subscriptionId, target.Channel, at + holdFor));
                break;
            case DeliveryStep.DeadLetter dead:
                session.Events.Append(streamId, state.Version + 2, deliverable.DeadLettered(target.Channel, after.FailedAttempts, dead.Reason, now));
                session.Delete<PendingDelivery>(StreamIdentity.ForDelivery(streamId, target.Channel));
                logger.LogWarning("{Channel} delivery of {StreamId} dead-lettered: {Reason}", target.Channel, streamId, dead.Reason);
                break;
            default:
                session.Delete<PendingDelivery>(StreamIdentity.ForDelivery(streamId, target.Channel));
                break;
        }

        return next;
    }

    /// <summary>
    /// Records a step that sends nothing: a wait for the sweeper, a skip, a dead letter, or the end of the work item.
    /// Writes nothing when the work item already says it (below): the relayed AlertRaised of an alert this replica has
    /// pushed is one of these, once per delivered alert.
    /// </summary>
    private async Task<DeliveryStep> RecordStepAsync(
        Deliverable? deliverable, ChannelDelivery state, Guid streamId, Guid subscriptionId, DeliveryStep step, bool fromWorkItem,
        CancellationToken cancellationToken)
    {
        if (!fromWorkItem && WorkItemSaysIt(state, step))
        {
            return step;
        }

        var channel = state.Channel;
        var pendingId = StreamIdentity.ForDelivery(streamId, channel);
        await using var session = store.LightweightSession();
        // A wait decided on a stream that moved since (another delivery of the same alert attempted meanwhile) must not
        // overwrite that delivery's next attempt with a stale one (the claim's expiry, a minute away).
        if (step is DeliveryStep.Skip or DeliveryStep.DeadLetter or DeliveryStep.WaitUntil && deliverable is not null
            && !await AlertStreamTurns.TakeAtVersionAsync(session, streamId, state.Version, cancellationToken))
        {
            // Appended to meanwhile (matching's AlertUpdated, or another delivery's step): that writer or the sweeper goes on from there.
            return new DeliveryStep.Done("another delivery recorded a step first");
        }

        switch (step)
        {
            case DeliveryStep.WaitUntil wait:
                session.Store(Pending(streamId, subscriptionId, channel, wait.At));
                break;
            case DeliveryStep.Skip skip when deliverable is not null:
                session.Events.Append(streamId, state.Version + 1, deliverable.Skipped(channel, skip.Reason, clock.GetUtcNow()));
                session.Delete<PendingDelivery>(pendingId);
                logger.LogInformation("{StreamId} not pushed on {Channel}: {Reason}", streamId, channel, skip.Reason);
                break;
            case DeliveryStep.DeadLetter dead when deliverable is not null:
                session.Events.Append(streamId, state.Version + 1, deliverable.DeadLettered(channel, state.FailedAttempts, dead.Reason, clock.GetUtcNow()));
                session.Delete<PendingDelivery>(pendingId);
                if (deliverable is AlertDeliverable)
                {
                    metrics.DeadLettered(channel);
                }

                logger.LogWarning("{Channel} delivery of {StreamId} dead-lettered: {Reason}", channel, streamId, dead.Reason);
                break;
            default:
                session.Delete<PendingDelivery>(pendingId);
                break;
        }

        try
        {
            await session.SaveChangesAsync(cancellationToken);
            return step;
        }
        catch (Exception e) when (WriteConflict.Is(e))
        {
            // Another replica (or a copy of the same message) recorded a step first; the sweeper or that replica goes on from there.
            return new DeliveryStep.Done("another delivery recorded a step first");
        }
    }

    /// <summary>
    /// Whether the <see cref="PendingDelivery"/> already stands as the step would leave it: a settled stream's outcome
    /// deleted it in the outcome's own transaction (every settling write does: <see cref="Record"/> and the skip and
    /// dead-letter branches of <see cref="RecordStepAsync"/>), and a wait for another's claim to lapse is the time the
    /// claim wrote it with (any later write to it appends a failure, which ends the claim, or settles the stream).
    /// </summary>
    private static bool WorkItemSaysIt(ChannelDelivery state, DeliveryStep step) => step switch
    {
        DeliveryStep.Done => state.Settled,
        DeliveryStep.WaitUntil wait => state.Claim is { } claim && wait.At == claim.Until,
        _ => false,
    };

    private async Task CountAsync(Deliverable deliverable, string channel, bool delivered, DeliveryStep next, CancellationToken cancellationToken)
    {
        if (deliverable is not AlertDeliverable { Alert.Raised: { } raised })
        {
            if (delivered)
            {
                metrics.NoticeSent(deliverable is DigestDeliverable ? "digest" : "spike", channel);
            }

            return;
        }

        if (!delivered)
        {
            metrics.Failed(channel);
            if (next is DeliveryStep.DeadLetter)
            {
                metrics.DeadLettered(channel);
            }

            return;
        }

        var fetchedAt = fetchTimes.Find(raised.FirstArticleId) ?? await ReadFetchedAtAsync(raised.FirstArticleId, cancellationToken);
        metrics.Delivered(channel, fetchedAt is { } at ? clock.GetUtcNow() - at : null);
    }

    /// <summary>
    /// The article's first fetch, when matching in this replica did not leave it in <see cref="ArticleFetchTimes"/>: from the
    /// article's stream (its id is the article's), through the stream index (a filter on the event's JSON was a scan of
    /// every stored ArticleFetched per delivered alert, 13.7 ms each with 1,800 articles stored, growing with them).
    /// </summary>
    private async Task<DateTimeOffset?> ReadFetchedAtAsync(Guid articleId, CancellationToken cancellationToken)
    {
        await using var session = store.QuerySession();
        var fetched = (await session.Events.QueryAllRawEvents()
            .Where(e => e.StreamId == articleId && e.EventTypesAre(typeof(ArticleFetched)))
            .OrderBy(e => e.Sequence).FirstOrDefaultAsync(cancellationToken))?.Data as ArticleFetched;
        if (fetched is not null)
        {
            fetchTimes.Record(articleId, fetched.FetchedAt);
        }

        return fetched?.FetchedAt;
    }

    private static PendingDelivery Pending(Guid streamId, Guid subscriptionId, string channel, DateTimeOffset at) => new()
    {
        Id = StreamIdentity.ForDelivery(streamId, channel), StreamId = streamId, SubscriptionId = subscriptionId, Channel = channel, NextAttemptAt = at,
    };

    private async Task<IReadOnlyList<object>> LoadAsync(Guid streamId, CancellationToken cancellationToken)
    {
        await using var session = store.QuerySession();
        return await LoadAsync(session, streamId, cancellationToken);
    }

    private static async Task<IReadOnlyList<object>> LoadAsync(IQuerySession session, Guid streamId, CancellationToken cancellationToken) =>
        [.. (await session.Events.FetchStreamAsync(streamId, token: cancellationToken)).Select(e => e.Data)];

    /// <summary>The subscription with its delivery credentials opened (null when unknown).</summary>
    public async Task<Subscription?> FindSubscriptionAsync(Guid subscriptionId, CancellationToken cancellationToken)
    {
        if (catalog.Find(subscriptionId) is not { } subscription)
        {
            await using var query = store.QuerySession();
            await catalog.LoadAsync(query, cancellationToken);
            subscription = catalog.Find(subscriptionId);
        }

        return subscription is null ? null : await secrets.WithSecretsAsync(subscription, cancellationToken);
    }
}
