namespace MediaMonitor.Contracts;

/// <summary>A source's feed was malformed; the crawler recovered what it could and says why the feed was broken.</summary>
public sealed record MalformedFeedRecovered(Guid SourceId, string Reason, int RecoveredItems, DateTimeOffset RecoveredAt);
