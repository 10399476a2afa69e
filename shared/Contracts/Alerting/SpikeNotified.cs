namespace MediaMonitor.Contracts.Alerting;

/// <summary>A spike notice reached one of the subscription's channels.</summary>
[MessageUrn("MediaMonitor.Contracts:SpikeNotified")]
[EntityName("MediaMonitor.Contracts:SpikeNotified")]
public sealed record SpikeNotified(Guid SpikeId, Guid SubscriptionId, string Channel, int Count, int Attempt, DateTimeOffset SentAt);
