namespace MediaMonitor.Contracts.Crawler;

/// <summary>A source's feed was malformed; the crawler recovered what it could and says why the feed was broken.</summary>
[MessageUrn("MediaMonitor.Contracts:MalformedFeedRecovered")]
[EntityName("MediaMonitor.Contracts:MalformedFeedRecovered")]
public sealed record MalformedFeedRecovered(Guid SourceId, string Reason, int RecoveredItems, DateTimeOffset RecoveredAt);
