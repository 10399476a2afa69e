namespace MediaMonitor.Contracts;

/// <summary>A muted subscription pushes its alerts again.</summary>
public sealed record SubscriptionResumed(Guid SubscriptionId, string TenantId, DateTimeOffset ResumedAt);
