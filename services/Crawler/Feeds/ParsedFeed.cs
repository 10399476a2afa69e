namespace MediaMonitor.Crawler.Feeds;

/// <summary>
/// What a feed document held. <see cref="Problems"/> lists why it was malformed when items were recovered anyway;
/// an empty list means the document was well-formed.
/// </summary>
public sealed record ParsedFeed(string Format, string? Title, string? Link, IReadOnlyList<FeedItem> Items, IReadOnlyList<string> Problems)
{
    public bool IsMalformed => Problems.Count > 0;

    /// <summary>The WebSub hub and self URL the document advertises (atom:link rel="hub" / rel="self", JSON Feed hubs), if any.</summary>
    public WebSub.WebSubLinks? Push { get; init; }
}
