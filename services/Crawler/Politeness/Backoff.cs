namespace MediaMonitor.Crawler.Politeness;

/// <summary>Exponential backoff with full jitter for a source that keeps failing, bounded by the poll bounds.</summary>
public static class Backoff
{
    /// <summary>The wait after <paramref name="consecutiveFailures"/> failures in a row: base * 2^(n-1), jittered to [50%, 100%], capped.</summary>
    public static TimeSpan After(int consecutiveFailures, TimeSpan baseDelay, TimeSpan max, double jitter01)
    {
        if (consecutiveFailures <= 0)
        {
            return baseDelay;
        }

        var exponent = Math.Min(consecutiveFailures - 1, 20);
        var raw = Math.Min(baseDelay.TotalSeconds * Math.Pow(2, exponent), max.TotalSeconds);
        var jittered = raw * (0.5 + (0.5 * Math.Clamp(jitter01, 0, 1)));
        return TimeSpan.FromSeconds(Math.Max(baseDelay.TotalSeconds, jittered));
    }
}
