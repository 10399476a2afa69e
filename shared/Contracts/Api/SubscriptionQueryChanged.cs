namespace MediaMonitor.Contracts.Api;

/// <summary>An analyst replaced a subscription's query; articles from now on are matched by the new one, and the stored history is backfilled with it.</summary>
[MessageUrn("MediaMonitor.Contracts:SubscriptionQueryChanged")]
[EntityName("MediaMonitor.Contracts:SubscriptionQueryChanged")]
public sealed record SubscriptionQueryChanged(Guid SubscriptionId, string TenantId, string Query, string PreviousQuery, DateTimeOffset ChangedAt);
