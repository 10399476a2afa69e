namespace MediaMonitor.Contracts;

/// <summary>Delivery of an alert on a channel was given up (retry window over, or the target can never work), with the reason.</summary>
public sealed record AlertDeadLettered(Guid AlertId, string Channel, int Attempts, string Reason, DateTimeOffset DeadLetteredAt);
