namespace MediaMonitor.Contracts.Alerting;

/// <summary>
/// A subscription matched a story for the first time: one alert per (subscription, story). Backfilled alerts were found
/// by running a new subscription over stored history: they fill the inbox and are not pushed.
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
    bool Backfilled = false);
