namespace MediaMonitor.Contracts;

/// <summary>The hub verified the Crawler's unsubscription (the source was disabled); it pushes nothing more.</summary>
public sealed record WebSubUnsubscribed(Guid SourceId, string Hub, string Topic, DateTimeOffset UnsubscribedAt);
