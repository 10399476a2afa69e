namespace MediaMonitor.Alerting.Delivery;

/// <summary>Exponential backoff between delivery attempts: initial, 2x, 4x ... capped.</summary>
public static class Backoff
{
    public static TimeSpan After(int failedAttempts, TimeSpan initial, TimeSpan max)
    {
        if (failedAttempts <= 0)
        {
            return TimeSpan.Zero;
        }

        var factor = Math.Pow(2, Math.Min(failedAttempts - 1, 30));
        var delay = TimeSpan.FromMilliseconds(initial.TotalMilliseconds * factor);
        return delay > max ? max : delay;
    }
}
