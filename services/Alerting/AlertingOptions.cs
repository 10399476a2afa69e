namespace MediaMonitor.Alerting;

/// <summary>Settings bound from the Alerting section (Alerting__...); see docs/config/Alerting.md.</summary>
public sealed class AlertingOptions
{
    /// <summary>Recorded on every alert so a matcher upgrade is traceable.</summary>
    public string MatcherVersion { get; set; } = "alerting-matcher/1";

    /// <summary>How often the subscription catalog is reloaded from the store, besides on each SubscriptionCreated message.</summary>
    public int CatalogRefreshSeconds { get; set; } = 30;

    /// <summary>How many days of stored articles a new subscription is run over (0: no backfill).</summary>
    public int BackfillDays { get; set; } = 30;

    /// <summary>How long a backfill waits for the article read model to catch up with the event store before it gives up and is retried.</summary>
    public int BackfillProjectionWaitSeconds { get; set; } = 60;

    /// <summary>
    /// CIDR ranges webhook and Slack deliveries may reach although they are loopback, private, link-local or metadata
    /// addresses (the SSRF guard refuses those otherwise); empty in production, 127.0.0.1/32 for the demo and tests.
    /// </summary>
    public List<string> AllowedNetworks { get; set; } = [];

    public DeliveryOptions Delivery { get; set; } = new();

    public SmtpOptions Smtp { get; set; } = new();

    public DigestOptions Digests { get; set; } = new();

    public SpikeOptions Spikes { get; set; } = new();
}

/// <summary>Webhook delivery: attempts and exponential backoff (Alerting__Delivery__...).</summary>
public sealed class DeliveryOptions
{
    /// <summary>Attempts made right away by the consumer, with exponential backoff between them; later ones by the sweeper.</summary>
    public int ImmediateAttempts { get; set; } = 3;

    /// <summary>The longest the consumer waits between two immediate attempts; a longer backoff is left to the sweeper.</summary>
    public int ImmediateMaxWaitSeconds { get; set; } = 5;

    /// <summary>
    /// Alerts this replica raises are pushed at once from the replica, without waiting for the relayed AlertRaised (a relay
    /// hop and a queue); at most this many at a time, more are left to the relayed message (0: off).
    /// </summary>
    public int RaisedInProcess { get; set; } = 16;

    /// <summary>How long after an alert was raised delivery keeps being retried before it is dead-lettered.</summary>
    public TimeSpan RetryWindow { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How often the sweeper looks for deliveries whose next attempt is due.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(10);

    public int InitialBackoffMilliseconds { get; set; } = 500;

    public int MaxBackoffSeconds { get; set; } = 3600;

    public int TimeoutSeconds { get; set; } = 10;

    /// <summary>How long a replica's claim on a delivery attempt holds off the others; must exceed TimeoutSeconds.</summary>
    public int ClaimSeconds { get; set; } = 60;

    /// <summary>Per subscription: alerts beyond this many raised within an hour are recorded but not pushed (0: no limit).</summary>
    public int MaxPushesPerHour { get; set; } = 60;
}
