namespace MediaMonitor.Contracts;

/// <summary>A subscription matched a story for the first time: one alert per (subscription, story).</summary>
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
    string MatcherVersion);
