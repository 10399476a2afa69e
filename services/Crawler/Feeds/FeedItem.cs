namespace MediaMonitor.Crawler.Feeds;

/// <summary>One entry of a feed: the absolute link to the article page (null when the entry has none) and what the feed says about it.</summary>
public sealed record FeedItem(string? Link, string? Title, DateTimeOffset? PublishedAt, string? Id, string? Summary, string? Author);
