namespace MediaMonitor.Contracts.Api;

/// <summary>
/// A subscription was paused until Until or SubscriptionResumed. StopsMatching (a pause from the Api): it raises no
/// alerts at all. Otherwise a mute: its alerts are still recorded (the inbox shows them) but not pushed.
/// </summary>
[MessageUrn("MediaMonitor.Contracts:SubscriptionPaused")]
[EntityName("MediaMonitor.Contracts:SubscriptionPaused")]
public sealed record SubscriptionPaused(Guid SubscriptionId, string TenantId, DateTimeOffset? Until, string? Reason, DateTimeOffset PausedAt, bool StopsMatching = false);
