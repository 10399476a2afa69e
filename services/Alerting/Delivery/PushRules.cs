using MediaMonitor.Contracts.Api;

namespace MediaMonitor.Alerting.Delivery;

/// <summary>
/// Whether a subscription's alert may be pushed now: not while the subscription is muted, not beyond its hourly limit.
/// Digests and spike notices obey the mute only (see docs/config/Alerting.md, "Mute and the hourly limit").
/// </summary>
public static class PushRules
{
    /// <summary>The reason to hold the alert back, or null to push it.</summary>
    /// <param name="subscriptionEvents">The subscription's stream (SubscriptionPaused / SubscriptionResumed decide the mute).</param>
    /// <param name="raisedInTrailingHour">Pushable alerts of the subscription raised in the hour up to and including this one.</param>
    public static string? Hold(IEnumerable<object> subscriptionEvents, DateTimeOffset now, int raisedInTrailingHour, int maxPerHour)
    {
        if (Muted(subscriptionEvents, now) is { } muted)
        {
            return muted;
        }

        if (maxPerHour > 0 && raisedInTrailingHour > maxPerHour)
        {
            return $"the subscription's limit of {maxPerHour} pushed alerts per hour is reached ({raisedInTrailingHour} raised in the hour up to this one)";
        }

        return null;
    }

    /// <summary>Why the subscription is muted now (a digest or spike notice is then held back), or null when it is not.</summary>
    public static string? Muted(IEnumerable<object> subscriptionEvents, DateTimeOffset now)
    {
        SubscriptionPaused? paused = null;
        foreach (var e in subscriptionEvents)
        {
            paused = e switch
            {
                SubscriptionPaused p => p,
                SubscriptionResumed => null,
                _ => paused,
            };
        }

        if (paused is null || paused.Until is { } end && end <= now)
        {
            return null;
        }

        var until = paused.Until is { } u ? $" until {u:u}" : " until resumed";
        return "the subscription is muted" + until + (paused.Reason is { Length: > 0 } r ? $" ({r})" : string.Empty);
    }
}
