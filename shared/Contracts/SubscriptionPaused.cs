namespace MediaMonitor.Contracts;

/// <summary>A subscription was muted: its alerts are still recorded (the inbox shows them) but not pushed, until Until or SubscriptionResumed.</summary>
public sealed record SubscriptionPaused(Guid SubscriptionId, string TenantId, DateTimeOffset? Until, string? Reason, DateTimeOffset PausedAt);
