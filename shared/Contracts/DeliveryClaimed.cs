namespace MediaMonitor.Contracts;

/// <summary>
/// A replica took delivery attempt Attempt of an alert, digest or spike notice on Channel until Until; appended at the
/// stream's expected version, so of two replicas only one sends. A claim that lapses without an outcome is taken again.
/// </summary>
public sealed record DeliveryClaimed(Guid StreamId, string Channel, int Attempt, string Claimant, DateTimeOffset ClaimedAt, DateTimeOffset Until);
