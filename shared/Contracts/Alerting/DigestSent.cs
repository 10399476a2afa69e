namespace MediaMonitor.Contracts.Alerting;

/// <summary>A digest reached one of its channels.</summary>
[MessageUrn("MediaMonitor.Contracts:DigestSent")]
[EntityName("MediaMonitor.Contracts:DigestSent")]
public sealed record DigestSent(
    Guid DigestId, Guid SubscriptionId, string Channel, DateTimeOffset PeriodStart, DateTimeOffset PeriodEnd, int Stories, int Attempt, DateTimeOffset SentAt);
