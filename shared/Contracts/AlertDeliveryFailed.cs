namespace MediaMonitor.Contracts;

/// <summary>One delivery attempt failed; another may follow.</summary>
public sealed record AlertDeliveryFailed(Guid AlertId, string Channel, int Attempt, string Reason, DateTimeOffset FailedAt);
