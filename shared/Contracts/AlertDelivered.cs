namespace MediaMonitor.Contracts;

/// <summary>An alert reached its channel.</summary>
public sealed record AlertDelivered(Guid AlertId, string Channel, int Attempt, DateTimeOffset DeliveredAt);
