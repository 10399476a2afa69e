namespace MediaMonitor.Contracts.Alerting;

/// <summary>
/// A subscription's matches in the hour up to WindowEnd (Count) rose above its threshold against the hourly baseline of
/// the previous 14 days (mean, deviation); stream StreamIdentity.ForSpike(subscription, hour), one notification per spike.
/// </summary>
[MessageUrn("MediaMonitor.Contracts:SpikeDetected")]
[EntityName("MediaMonitor.Contracts:SpikeDetected")]
public sealed record SpikeDetected(
    Guid SpikeId,
    Guid SubscriptionId,
    string TenantId,
    DateTimeOffset WindowEnd,
    int Count,
    double BaselineMean,
    double BaselineDeviation,
    double Threshold,
    DateTimeOffset DetectedAt);
