namespace MediaMonitor.Crawler.Politeness;

/// <summary>
/// Adaptive polling: a feed that had new items is polled sooner, a quiet one later, always within
/// [Crawler:MinPollIntervalSeconds, Crawler:MaxPollIntervalSeconds].
/// </summary>
public static class AdaptiveInterval
{
    public static TimeSpan Next(TimeSpan current, int newItems, TimeSpan min, TimeSpan max)
    {
        var next = newItems switch
        {
            0 => current * 1.5,
            >= 5 => current / 2,
            _ => current * 0.8,
        };
        return next < min ? min : next > max ? max : next;
    }
}
