using Marten.Schema;

namespace MediaMonitor.Crawler.WebSub;

/// <summary>Where a source's WebSub subscription stands.</summary>
public enum WebSubState
{
    /// <summary>Asked of the hub, awaiting its verification of intent.</summary>
    Pending,

    /// <summary>Verified; the lease runs until LeaseExpiresAt.</summary>
    Active,

    /// <summary>The hub refused the request or could not be reached; asked again after RetryAt.</summary>
    Failed,

    /// <summary>The hub denied it (hub.mode=denied); asked again after RetryAt.</summary>
    Denied,

    /// <summary>The source was disabled; an unsubscription is awaiting the hub's verification.</summary>
    Unsubscribing,
}

/// <summary>
/// One source's WebSub subscription (id = source id), shared by every Crawler replica through the database so any replica
/// can answer the hub's callback. It holds the HMAC secret the hub signs pushes with: secrets stay out of the event log
/// (the events name hub, topic and lease only). The secret is random per subscription and only authenticates pushes of
/// one public feed, so it is kept unsealed (the Crawler holds no Secrets:Key).
/// </summary>
public sealed class WebSubSubscription
{
    public Guid Id { get; set; }

    public string Hub { get; set; } = "";

    public string Topic { get; set; } = "";

    public string Callback { get; set; } = "";

    public string Secret { get; set; } = "";

    public WebSubState State { get; set; }

    public DateTimeOffset RequestedAt { get; set; }

    public DateTimeOffset? LeaseExpiresAt { get; set; }

    /// <summary>When the lease is renewed (80% of it), or when a renewal in progress may be tried again.</summary>
    public DateTimeOffset? RenewAt { get; set; }

    /// <summary>When a pending, failed, denied or lapsed subscription may be asked for again.</summary>
    public DateTimeOffset RetryAt { get; set; }

    /// <summary>Marten's optimistic concurrency: two replicas never both renew, nor overwrite a verification.</summary>
    [Version]
    public Guid Version { get; set; }

    public bool Holds(DateTimeOffset now) => State == WebSubState.Active && LeaseExpiresAt > now;

    public bool AcceptsContent => State is WebSubState.Active or WebSubState.Pending;
}
