namespace MediaMonitor.Contracts.Alerting;

/// <summary>Another article of an alerted story matched; the alert counts it instead of alerting again.</summary>
[MessageUrn("MediaMonitor.Contracts:AlertUpdated")]
[EntityName("MediaMonitor.Contracts:AlertUpdated")]
public sealed record AlertUpdated(Guid AlertId, Guid ArticleId, string? Outlet, int Copies, int Outlets, DateTimeOffset UpdatedAt);
