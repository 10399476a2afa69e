namespace MediaMonitor.Contracts;

/// <summary>A digest reached one of its channels.</summary>
public sealed record DigestSent(
    Guid DigestId, Guid SubscriptionId, string Channel, DateTimeOffset PeriodStart, DateTimeOffset PeriodEnd, int Stories, int Attempt, DateTimeOffset SentAt);
