using Marten;
using MediaMonitor.Contracts;
using Microsoft.Extensions.Options;

namespace MediaMonitor.Alerting.Delivery;

/// <summary>
/// Reads what <see cref="PushRules"/> decides on: the subscription's stream (mute) and the alerts it raised in the trailing
/// hour (limit; alerts only, digests and spike notices neither count nor are limited).
/// </summary>
public sealed class AlertHolds(IDocumentStore store, IOptions<AlertingOptions> options, TimeProvider clock)
{
    /// <summary>The reason to hold the alert back, or null to push it.</summary>
    public async Task<string?> ReasonAsync(AlertRaised raised, CancellationToken cancellationToken)
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

    /// <summary>Why a digest or spike notice of the subscription is held back now (it is muted), or null to send it.</summary>
    public async Task<string?> NoticeReasonAsync(Guid subscriptionId, CancellationToken cancellationToken)
    {
        await using var session = store.QuerySession();
        var subscriptionEvents = (await session.Events.FetchStreamAsync(subscriptionId, token: cancellationToken)).Select(e => e.Data);
        return PushRules.Muted(subscriptionEvents, clock.GetUtcNow());
    }
}
