namespace MediaMonitor.Crawler.Feeds;

/// <summary>A document that is not a feed, or one too broken or too dangerous to read; the message is the reason.</summary>
public sealed class FeedRejectedException(string message, Exception? inner = null) : Exception(message, inner);
