using Marten;
using MediaMonitor.Alerting.Activity;
using MediaMonitor.Contracts.Alerting;
using Microsoft.Extensions.Options;

namespace MediaMonitor.Alerting.Delivery;

/// <summary>
/// Reads what <see cref="PushRules"/> decides on: the subscription's stream (mute) and the alerts it raised in the trailing
/// hour (limit, read from the indexed <see cref="AlertActivity"/>; alerts only, digests and spike notices neither count nor are limited).
/// </summary>
public sealed class AlertHolds(IDocumentStore store, IOptions<AlertingOptions> options, TimeProvider clock)
{
    /// <summary>The reason to hold the alert back, or null to push it.</summary>
    public async Task<string?> ReasonAsync(AlertRaised raised, CancellationToken cancellationToken)
    {
        await using var session = store.QuerySession();
        var subscriptionEvents = (await session.Events.FetchStreamAsync(raised.SubscriptionId, token: cancellationToken)).Select(e => e.Data);
        var max = options.Value.Delivery.MaxPushesPerHour;
        var inHour = max <= 0 ? 0 : await RecentAlerts.RaisedInHourUpToAsync(session, raised.SubscriptionId, raised.AlertId, raised.RaisedAt, cancellationToken);
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
