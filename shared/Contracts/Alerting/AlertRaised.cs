namespace MediaMonitor.Contracts.Alerting;

/// <summary>
/// A subscription matched a story for the first time: one alert per (subscription, story). Backfilled alerts were found
/// by running a new subscription over stored history: they fill the inbox and are not pushed. HasPushChannel: whether the
/// subscription had a channel to push the alert on at once (webhook, Slack, e-mail, and not digests only) when the matcher
/// raised it; an alert raised without one is never pushed, so Alerting's relay does not publish it (a channel added later
/// serves the alerts raised after it). Null in events stored before it was kept: relayed, decided by the channels at delivery.
/// </summary>
[MessageUrn("MediaMonitor.Contracts:AlertRaised")]
[EntityName("MediaMonitor.Contracts:AlertRaised")]
public sealed record AlertRaised(
    Guid AlertId,
    Guid SubscriptionId,
    string TenantId,
    Guid StoryId,
    Guid FirstArticleId,
    string Url,
    string Title,
    string? Outlet,
    DateTimeOffset RaisedAt,
    string MatcherVersion,
    bool Backfilled = false,
    bool? HasPushChannel = null);
