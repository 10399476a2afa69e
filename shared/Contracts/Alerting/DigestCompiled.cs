using MediaMonitor.Contracts.Api;

namespace MediaMonitor.Contracts.Alerting;

/// <summary>
/// A subscription's digest for the period [PeriodStart, PeriodEnd) was put together, in the stream
/// StreamIdentity.ForDigest(subscription, PeriodEnd): one per period, whatever the number of replicas or restarts.
/// </summary>
[MessageUrn("MediaMonitor.Contracts:DigestCompiled")]
[EntityName("MediaMonitor.Contracts:DigestCompiled")]
public sealed record DigestCompiled(
    Guid DigestId,
    Guid SubscriptionId,
    string TenantId,
    DigestFrequency Frequency,
    DateTimeOffset PeriodStart,
    DateTimeOffset PeriodEnd,
    IReadOnlyList<DigestItem> Items,
    DateTimeOffset CompiledAt);
