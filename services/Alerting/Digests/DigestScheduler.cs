using System.Collections.Concurrent;
using Marten;
using MediaMonitor.Alerting.Activity;
using MediaMonitor.Alerting.Delivery;
using MediaMonitor.Alerting.Subscriptions;
using MediaMonitor.Contracts.Alerting;
using MediaMonitor.Contracts;
using MediaMonitor.ServiceDefaults;
using Microsoft.Extensions.Options;

namespace MediaMonitor.Alerting.Digests;

/// <summary>
/// Compiles and sends each digest that has fallen due. The digest of a period lives in the stream
/// StreamIdentity.ForDigest(subscription, period end): whichever replica starts that stream first sends it; the others,
/// and a restarted replica, find it there. The work items written with it let the sweeper finish a send a crash interrupted.
/// A paused subscription gets no digest; a muted one gets it recorded but not sent (ChannelDeliverer).
/// </summary>
public sealed class DigestScheduler(
    IDocumentStore store,
    SubscriptionCatalog catalog,
    ChannelDeliverer deliverer,
    IOptions<AlertingOptions> options,
    TimeProvider clock,
    ILogger<DigestScheduler> logger) : PeriodicWork(clock, logger)
{
    private readonly ConcurrentDictionary<Guid, DateTimeOffset> _done = new();

    protected override TimeSpan Period => options.Value.Digests.CheckInterval;

    protected override string FailureMessage => "Sending due digests failed";

    protected override Task RunRoundAsync(CancellationToken cancellationToken) => RunDueAsync(cancellationToken);

    public async Task RunDueAsync(CancellationToken cancellationToken)
    {
        var now = Clock.GetUtcNow();
        var due = new List<(Subscription Subscription, DateTimeOffset Due)>();
        foreach (var subscription in catalog.All)
        {
            if (subscription.Delivery?.Digest is not { } schedule || !DigestCalendar.TryZone(schedule.TimeZone, out _))
            {
                continue;
            }

            var latest = DigestCalendar.LatestDue(schedule, now);
            if (latest <= subscription.CreatedAt || _done.TryGetValue(subscription.Id, out var done) && done >= latest)
            {
                continue;
            }

            if (catalog.IsPausedAt(subscription.Id, now) || catalog.WasPausedAt(subscription.Id, latest))
            {
                // A paused subscription gets no digest: a period that fell due during a pause is passed over, not sent on resuming.
                _done[subscription.Id] = latest;
                continue;
            }

            due.Add((subscription, latest));
        }

        await Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken },
            async (d, ct) => await SendAsync(d.Subscription, d.Due, ct));
    }

    private async Task SendAsync(Subscription subscription, DateTimeOffset due, CancellationToken cancellationToken)
    {
        var schedule = subscription.Delivery!.Digest!;
        var digestId = StreamIdentity.ForDigest(subscription.Id, due);
        await using var session = store.LightweightSession();
        if (await session.Events.FetchStreamStateAsync(digestId, cancellationToken) is not null)
        {
            _done[subscription.Id] = due;
            return;
        }

        var (start, end) = DigestCalendar.PeriodEndingAt(schedule, due);
        // The period's alerts by the indexed read model, then their streams by id: no scan of the events.
        var alertIds = await RecentAlerts.RaisedBetweenAsync(session, subscription.Id, start, end, cancellationToken);
        var alertEvents = alertIds.Length == 0 ? [] : (await session.Events.QueryAllRawEvents().Where(e => alertIds.Contains(e.StreamId))
            .ToListAsync(cancellationToken)).Select(e => e.Data).ToList();
        var raised = alertEvents.OfType<AlertRaised>().Where(r => r.RaisedAt >= start && r.RaisedAt < end);
        var items = DigestContent.Items(raised, alertEvents.OfType<AlertUpdated>(), options.Value.Digests.MaxStories);
        var now = Clock.GetUtcNow();
        var compiled = new DigestCompiled(digestId, subscription.Id, subscription.TenantId, schedule.Frequency, start, end, items, now);
        var targets = items.Count == 0 ? [] : DeliveryTarget.All(subscription);
        var claimUntil = now + TimeSpan.FromSeconds(options.Value.Delivery.ClaimSeconds);
        var started = await NoticeRecording.TryStartAsync(session, digestId, compiled, subscription.Id, targets, claimUntil, cancellationToken);
        _done[subscription.Id] = due;
        if (!started)
        {
            return;
        }

        logger.LogInformation("Digest {DigestId} of subscription {SubscriptionId} for {Start:u} - {End:u}: {Stories} stories",
            digestId, subscription.Id, start, end, items.Count);
        await deliverer.DeliverNowAsync(digestId, subscription.Id, targets, cancellationToken);
    }
}
