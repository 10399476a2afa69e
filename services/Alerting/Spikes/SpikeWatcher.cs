using Marten;
using Marten.Events;
using MediaMonitor.Alerting.Activity;
using MediaMonitor.Alerting.Delivery;
using MediaMonitor.Alerting.Subscriptions;
using MediaMonitor.Contracts.Alerting;
using MediaMonitor.Contracts;
using MediaMonitor.ServiceDefaults;
using Microsoft.Extensions.Options;

namespace MediaMonitor.Alerting.Spikes;

/// <summary>
/// Checks each spike-watching subscription's matches (alerts raised and copies counted, read from the indexed
/// <see cref="AlertActivity"/>) in the last hour against its
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
        var baselineHours = SpikeDetector.BaselineHours(subscription.CreatedAt, now, Settings.BaselineDays);
        if (baselineHours < Settings.MinimumBaselineHours)
        {
            return;
        }

        var since = now - TimeSpan.FromHours(baselineHours + 1);
        await using var session = store.LightweightSession();
        var matches = await RecentAlerts.MatchTimesAsync(session, subscription.Id, since, cancellationToken);
        var (lastHour, baseline) = SpikeDetector.Bucket(matches, now, baselineHours);
        var verdict = SpikeDetector.Evaluate(lastHour, baseline, subscription.Delivery!.Spike!);
        if (!verdict.IsSpike)
        {
            return;
        }

        if (await NotifiedWithinCooldownAsync(session, subscription.Id, now, cancellationToken))
        {
            return;
        }

        var hour = HourOf(now);
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

    /// <summary>
    /// Whether a spike of the subscription was detected within the cooldown: looked up by the spike streams' ids of the hours
    /// the cooldown spans (indexed), not by scanning SpikeDetected events for the subscription.
    /// </summary>
    private async Task<bool> NotifiedWithinCooldownAsync(IQuerySession session, Guid subscriptionId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var cooldownStart = now - Settings.Cooldown;
        var streams = new List<Guid>();
        for (var hour = HourOf(cooldownStart); hour <= now; hour = hour.AddHours(1))
        {
            streams.Add(StreamIdentity.ForSpike(subscriptionId, hour));
        }

        var ids = streams.ToArray();
        var recent = await session.Events.QueryAllRawEvents().Where(e => ids.Contains(e.StreamId) && e.EventTypesAre(typeof(SpikeDetected)))
            .ToListAsync(cancellationToken);
        return recent.Any(e => e.Data is SpikeDetected s && s.DetectedAt > cooldownStart);
    }

    private static DateTimeOffset HourOf(DateTimeOffset t) => new(t.UtcTicks - (t.UtcTicks % TimeSpan.TicksPerHour), TimeSpan.Zero);
}
