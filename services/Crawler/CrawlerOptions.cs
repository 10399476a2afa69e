namespace MediaMonitor.Crawler;

/// <summary>The Crawler section (Crawler__PollIntervalSeconds, Crawler__UserAgent ...); see docs/config/Crawler.md.</summary>
public sealed class CrawlerOptions
{
    public const string Section = "Crawler";

    /// <summary>Seconds between two polls of one source.</summary>
    public int PollIntervalSeconds { get; set; } = 60;

    /// <summary>The one User-Agent the crawler sends, with a contact URL.</summary>
    public string UserAgent { get; set; } = "MediaMonitorBot/1.0 (+https://github.com/mediamonitor/mediamonitor)";

    /// <summary>CIDR ranges the SSRF guard lets through although they are loopback, private or link-local (e.g. "127.0.0.1/32").</summary>
    public List<string> AllowedNetworks { get; set; } = [];

    /// <summary>Maximum decompressed body size of any response, enforced while streaming.</summary>
    public long MaxBodyBytes { get; set; } = 10 * 1024 * 1024;

    public int ConnectTimeoutSeconds { get; set; } = 10;

    /// <summary>Total time allowed for one request, headers and body together.</summary>
    public int RequestTimeoutSeconds { get; set; } = 30;

    public int MaxRedirects { get; set; } = 5;

    /// <summary>Items read from one feed per poll at most (newest first as the feed lists them).</summary>
    public int MaxItemsPerPoll { get; set; } = 200;
}
