namespace MediaMonitor.Crawler.WebSub;

/// <summary>The Crawler:WebSub section (Crawler__WebSub__CallbackBaseUrl ...); see docs/config/Crawler.md.</summary>
public sealed class WebSubOptions
{
    /// <summary>
    /// The address hubs reach the Crawler at (e.g. http://crawler:8080); callbacks are {base}/websub/{sourceId}. Unset:
    /// WebSub is off and every source is polled as before.
    /// </summary>
    public string? CallbackBaseUrl { get; set; }

    /// <summary>The lease asked of the hub (the hub decides; its answer is what counts).</summary>
    public int LeaseSeconds { get; set; } = 86400;

    /// <summary>Poll interval of a source while its WebSub lease holds (a safety net for lost pushes), instead of the adaptive one.</summary>
    public int PollIntervalWhileSubscribedSeconds { get; set; } = 900;

    /// <summary>
    /// Pushed items taken in at once across all subscriptions (each: its page fetched, extracted and appended). The rest
    /// wait as feed items, not as fetched pages, so a burst of pushes (thousands of hubs at once, or a hub's flood) holds
    /// at most this many pages in memory; polls are bounded by their own schedule.
    /// </summary>
    public int MaxPushedItemsInProgress { get; set; } = 64;

    /// <summary>How long a refused, denied or unverified subscription waits before it is asked for again.</summary>
    public int RetrySeconds { get; set; } = 3600;

    public bool Enabled => !string.IsNullOrWhiteSpace(CallbackBaseUrl);

    /// <summary>The callback URL of one source's subscription.</summary>
    public string CallbackFor(Guid sourceId) => $"{CallbackBaseUrl!.TrimEnd('/')}/websub/{sourceId:N}";
}
