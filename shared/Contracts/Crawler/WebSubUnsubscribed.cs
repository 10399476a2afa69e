namespace MediaMonitor.Contracts.Crawler;

/// <summary>The hub verified the Crawler's unsubscription (the source was disabled); it pushes nothing more.</summary>
[MessageUrn("MediaMonitor.Contracts:WebSubUnsubscribed")]
[EntityName("MediaMonitor.Contracts:WebSubUnsubscribed")]
public sealed record WebSubUnsubscribed(Guid SourceId, string Hub, string Topic, DateTimeOffset UnsubscribedAt);
