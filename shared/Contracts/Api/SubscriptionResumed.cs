namespace MediaMonitor.Contracts.Api;

/// <summary>A muted subscription pushes its alerts again.</summary>
[MessageUrn("MediaMonitor.Contracts:SubscriptionResumed")]
[EntityName("MediaMonitor.Contracts:SubscriptionResumed")]
public sealed record SubscriptionResumed(Guid SubscriptionId, string TenantId, DateTimeOffset ResumedAt);
