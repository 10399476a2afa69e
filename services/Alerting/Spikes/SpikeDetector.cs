using MediaMonitor.Contracts.Api;

namespace MediaMonitor.Alerting.Spikes;

/// <summary>The verdict on one hour: its count against the baseline's mean and deviation, and the threshold it had to pass.</summary>
public sealed record SpikeVerdict(bool IsSpike, int Count, double Mean, double Deviation, double Threshold);

/// <summary>
/// Whether a subscription's matches in the last hour are a spike: more than mean + k x deviation of the hourly counts of
/// the baseline, where the deviation is at least sqrt(mean) (what a Poisson process of that mean shows) and at least 1
/// (so a quiet baseline does not make every blip a spike), and at least the minimum count.
/// </summary>
public static class SpikeDetector
{
    public static SpikeVerdict Evaluate(int lastHour, IReadOnlyList<int> baselineHours, SpikeWatch watch)
    {
        var mean = baselineHours.Count == 0 ? 0 : baselineHours.Average();
        var variance = baselineHours.Count == 0 ? 0 : baselineHours.Sum(c => (c - mean) * (c - mean)) / baselineHours.Count;
        var deviation = Math.Sqrt(variance);
        var threshold = mean + (watch.Sigmas * Math.Max(1, Math.Max(deviation, Math.Sqrt(mean))));
        var isSpike = lastHour >= watch.MinimumCount && lastHour > threshold;
        return new SpikeVerdict(isSpike, lastHour, mean, deviation, threshold);
    }

    /// <summary>
    /// How many whole hours before the last hour make the baseline: the configured days, but only hours the subscription
    /// existed in (a subscription created mid-hour has that hour's remainder uncounted); 0 when it is younger.
    /// </summary>
    public static int BaselineHours(DateTimeOffset createdAt, DateTimeOffset now, int baselineDays)
    {
        var existed = (int)Math.Min(int.MaxValue, Math.Floor((now - createdAt).TotalHours) - 1);
        return Math.Clamp(existed, 0, baselineDays * 24);
    }

    /// <summary>
    /// Buckets match times into the hour ending at <paramref name="windowEnd"/> and the <paramref name="baselineHours"/>
    /// whole hours before it (oldest first); times outside both are ignored.
    /// </summary>
    public static (int LastHour, int[] Baseline) Bucket(IEnumerable<DateTimeOffset> matchTimes, DateTimeOffset windowEnd, int baselineHours)
    {
        var baseline = new int[baselineHours];
        var lastHour = 0;
        foreach (var t in matchTimes)
        {
            var hoursBack = (int)Math.Floor((windowEnd - t).TotalHours);
            if (t > windowEnd || hoursBack < 0)
            {
                continue;
            }

            if (hoursBack == 0)
            {
                lastHour++;
            }
            else if (hoursBack <= baselineHours)
            {
                baseline[baselineHours - hoursBack]++;
            }
        }

        return (lastHour, baseline);
    }
}
