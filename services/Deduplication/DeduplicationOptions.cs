namespace MediaMonitor.Deduplication;

/// <summary>Settings bound from the Deduplication section (Deduplication__WindowDays ...).</summary>
public sealed class DeduplicationOptions
{
    /// <summary>A copy is matched to an original published at most this many days before or after it.</summary>
    public int WindowDays { get; set; } = 30;

    /// <summary>How often index rows older than the window are deleted, so the index does not grow without bound.</summary>
    public int PruneIntervalMinutes { get; set; } = 60;

    /// <summary>Different articles about the same event join one story when published at most this many hours apart.</summary>
    public int StoryWindowHours { get; set; } = 36;

    public static TimeSpan DefaultStoryWindow => TimeSpan.FromHours(36);

    public TimeSpan Window => TimeSpan.FromDays(WindowDays);

    public TimeSpan StoryWindow => TimeSpan.FromHours(StoryWindowHours);
}
