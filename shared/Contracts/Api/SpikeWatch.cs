namespace MediaMonitor.Contracts.Api;

/// <summary>
/// A subscription's request to be told when its matches in the last hour rise far above its hourly baseline of the
/// previous 14 days: more than mean + Sigmas x deviation, and at least MinimumCount.
/// </summary>
public sealed record SpikeWatch(double Sigmas = 3, int MinimumCount = 5);
