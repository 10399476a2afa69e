using Marten;
using MediaMonitor.Alerting.Delivery;
using MediaMonitor.Alerting.Subscriptions;
using MediaMonitor.Contracts;
using MediaMonitor.ServiceDefaults;
using Microsoft.Extensions.Options;

namespace MediaMonitor.Alerting.Spikes;

/// <summary>
/// Checks each spike-watching subscription's matches (alerts raised and copies counted) in the last hour against its
/// hourly baseline and records SpikeDetected in StreamIdentity.ForSpike(subscription, hour), then notifies its channels.
/// A spike already recorded within the cooldown is not notified again (one notice per spike).
/// </summary>
public sealed class SpikeWatcher(
    IDocumentStore store,
    SubscriptionCatalog catalog,
    ChannelDeliverer deliverer,
    IOptions<AlertingOptions> options,
    TimeProvider clock,
    AlertingMetrics metrics,
    ILogger<SpikeWatcher> logger) : PeriodicWork(clock, logger)
{
    private SpikeOptions Settings => options.Value.Spikes;

    protected override TimeSpan Period => Settings.CheckInterval;

    protected override string FailureMessage => "Checking for coverage spikes failed";

    protected override Task RunRoundAsync(CancellationToken cancellationToken) => CheckAsync(cancellationToken);

    public async Task CheckAsync(CancellationToken cancellationToken)
    {
        // A paused subscription is not watched; a muted one is, and its notice is recorded but not sent (ChannelDeliverer).
        var watching = catalog.ActiveAt(Clock.GetUtcNow()).Where(s => s.Delivery?.Spike is not null).ToList();
        await Parallel.ForEachAsync(watching, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken },
            async (s, ct) => await CheckAsync(s, ct));
    }

    private async Task CheckAsync(Subscription subscription, CancellationToken cancellationToken)
    {
        var now = Clock.GetUtcNow();
        var baselineHours = Settings.BaselineDays * 24;
        var since = now - TimeSpan.FromHours(baselineHours + 1);
        await using var session = store.LightweightSession();
        var raised = await session.Events.QueryRawEventDataOnly<AlertRaised>()
            .Where(r => r.SubscriptionId == subscription.Id && !r.Backfilled && r.RaisedAt > since)
            .ToListAsync(cancellationToken);
        var alertIds = raised.Select(r => r.AlertId).Distinct().ToArray();
        var updates = alertIds.Length == 0 ? [] : await session.Events.QueryRawEventDataOnly<AlertUpdated>()
            .Where(u => alertIds.Contains(u.AlertId) && u.UpdatedAt > since).ToListAsync(cancellationToken);
        var (lastHour, baseline) = SpikeDetector.Bucket(raised.Select(r => r.RaisedAt).Concat(updates.Select(u => u.UpdatedAt)), now, baselineHours);
        var verdict = SpikeDetector.Evaluate(lastHour, baseline, subscription.Delivery!.Spike!);
        if (!verdict.IsSpike)
        {
            return;
        }

        var cooldownStart = now - Settings.Cooldown;
        if (await session.Events.QueryRawEventDataOnly<SpikeDetected>()
                .AnyAsync(s => s.SubscriptionId == subscription.Id && s.DetectedAt > cooldownStart, cancellationToken))
        {
            return;
        }

        var hour = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerHour), TimeSpan.Zero);
        var spikeId = StreamIdentity.ForSpike(subscription.Id, hour);
        var detected = new SpikeDetected(spikeId, subscription.Id, subscription.TenantId, now, verdict.Count, verdict.Mean, verdict.Deviation,
            verdict.Threshold, now);
        var targets = DeliveryTarget.All(subscription);
        var claimUntil = now + TimeSpan.FromSeconds(options.Value.Delivery.ClaimSeconds);
        if (!await NoticeRecording.TryStartAsync(session, spikeId, detected, subscription.Id, targets, claimUntil, cancellationToken))
        {
            return;
        }

        metrics.SpikeDetected();
        logger.LogInformation("Coverage spike for subscription {SubscriptionId}: {Count} matches in the last hour (mean {Mean:0.##}, threshold {Threshold:0.##})",
            subscription.Id, verdict.Count, verdict.Mean, verdict.Threshold);
        await deliverer.DeliverNowAsync(spikeId, subscription.Id, targets, cancellationToken);
    }
}
