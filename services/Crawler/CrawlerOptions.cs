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

    /// <summary>Adaptive polling bounds: a busy feed is polled down to the minimum, a quiet one up to the maximum (defaults: the poll interval and 10x it).</summary>
    public int? MinPollIntervalSeconds { get; set; }

    public int? MaxPollIntervalSeconds { get; set; }

    public int EffectiveMinPollIntervalSeconds => Math.Max(1, MinPollIntervalSeconds ?? PollIntervalSeconds);

    public int EffectiveMaxPollIntervalSeconds => Math.Max(EffectiveMinPollIntervalSeconds, MaxPollIntervalSeconds ?? PollIntervalSeconds * 10);

    /// <summary>
    /// A poll that found nothing new and changed nothing (same validators, same interval, no failure streak to end) is
    /// recorded as SourcePolled only when the source's last recorded poll is at least this many seconds old: the
    /// heartbeat behind the Api's lastPolledAt. Every other poll is recorded. 0 records every poll.
    /// </summary>
    public int PollHeartbeatSeconds { get; set; } = 900;

    /// <summary>A source failing this many polls in a row is disabled with SourceDisabled (0 never disables).</summary>
    public int DisableAfterFailures { get; set; } = 10;

    /// <summary>Hosts polled at the same time (one poll per host at a time; each host keeps its own politeness).</summary>
    public int MaxActiveHosts { get; set; } = 512;

    /// <summary>HTTP requests in flight at once over all hosts; a request takes its place only after its host's turn has come.</summary>
    public int MaxInFlightRequests { get; set; } = 128;

    /// <summary>Threads that extract fetched pages (off the fetch path); 0 means one per processor.</summary>
    public int ExtractionWorkers { get; set; }

    /// <summary>Fetched pages waiting for an extraction worker before fetches wait for room (bounds memory).</summary>
    public int ExtractionQueueLength { get; set; } = 64;

    /// <summary>Minimum pause between two requests to one host (scheme, host, port).</summary>
    public int MinHostDelayMilliseconds { get; set; } = 1000;

    /// <summary>Whether robots.txt is fetched and obeyed (RFC 9309); on by default.</summary>
    public bool RespectRobotsTxt { get; set; } = true;

    /// <summary>The largest robots.txt crawl-delay honoured; a longer one is capped to this.</summary>
    public int MaxCrawlDelaySeconds { get; set; } = 30;

    /// <summary>The longest Retry-After honoured for one host.</summary>
    public int MaxRetryAfterSeconds { get; set; } = 3600;

    /// <summary>Polls on which a transient article failure (429, 503, timeout) is retried before it is recorded.</summary>
    public int TransientAttempts { get; set; } = 3;

    /// <summary>
    /// Seconds a replica's lease on a source lasts without renewal; replicas renew theirs every poll round, and the
    /// sources of a replica that died are taken over by the others after this long.
    /// </summary>
    public int LeaseSeconds { get; set; } = 30;

    /// <summary>This replica's name in the lease tables (default: host name plus a random suffix, unique per process).</summary>
    public string? ReplicaId { get; set; }

    /// <summary>Items read from one feed per poll at most (newest first as the feed lists them).</summary>
    public int MaxItemsPerPoll { get; set; } = 200;

    /// <summary>
    /// Connections the Crawler's listener (the WebSub callback) holds until it accepts them. Hubs push a burst as thousands
    /// of connections at once; past the backlog the kernel drops them and each hub's TCP retries 1, 3, 7, 15 s later.
    /// Linux caps it at net.core.somaxconn (4096 since kernel 5.4). ASP.NET Core's default is 512.
    /// </summary>
    public int ListenBacklog { get; set; } = 4096;

    /// <summary>WebSub push (Crawler:WebSub:CallbackBaseUrl turns it on).</summary>
    public WebSub.WebSubOptions WebSub { get; set; } = new();
}
