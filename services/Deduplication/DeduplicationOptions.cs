namespace MediaMonitor.Deduplication;

/// <summary>Settings bound from the Deduplication section (Deduplication__WindowDays ...).</summary>
public sealed class DeduplicationOptions
{
    /// <summary>A copy is matched to an original published at most this many days before or after it.</summary>
    public int WindowDays { get; set; } = 30;

    /// <summary>How often index rows older than the window are deleted, so the index does not grow without bound.</summary>
    public int PruneIntervalMinutes { get; set; } = 60;

    public TimeSpan Window => TimeSpan.FromDays(WindowDays);
}
