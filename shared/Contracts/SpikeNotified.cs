namespace MediaMonitor.Contracts;

/// <summary>A spike notice reached one of the subscription's channels.</summary>
public sealed record SpikeNotified(Guid SpikeId, Guid SubscriptionId, string Channel, int Count, int Attempt, DateTimeOffset SentAt);
