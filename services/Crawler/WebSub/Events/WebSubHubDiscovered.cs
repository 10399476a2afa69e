namespace MediaMonitor.Crawler.WebSub.Events;

/// <summary>
/// A polled source advertises a WebSub hub (rel="hub" in the feed or its Link header); <paramref name="Topic"/> is the
/// feed's rel="self" URL (the fetched URL when it names none). The Crawler subscribes to the topic at the hub.
/// </summary>
public sealed record WebSubHubDiscovered(Guid SourceId, string Hub, string Topic, DateTimeOffset DiscoveredAt)
{
    public const string StoredName = "websub_hub_discovered";
}
