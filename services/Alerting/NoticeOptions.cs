namespace MediaMonitor.Alerting;

/// <summary>Digest scheduling (Alerting__Digests__...).</summary>
public sealed class DigestOptions
{
    /// <summary>How often each replica looks for digests that have fallen due.</summary>
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The most stories one digest lists (the most copied first).</summary>
    public int MaxStories { get; set; } = 50;
}

/// <summary>Spike detection (Alerting__Spikes__...).</summary>
public sealed class SpikeOptions
{
    /// <summary>How often each replica checks the spike-watching subscriptions.</summary>
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>After a spike is notified, no new one for the same subscription for this long (one notice per spike).</summary>
    public TimeSpan Cooldown { get; set; } = TimeSpan.FromHours(6);

    /// <summary>How many days of hourly counts make the baseline.</summary>
    public int BaselineDays { get; set; } = 14;

    /// <summary>
    /// How many whole hours a subscription must have existed before its coverage is judged (hours before it existed
    /// are no baseline: counted as zeros they would make its first busy hour a spike).
    /// </summary>
    public int MinimumBaselineHours { get; set; } = 24;
}
