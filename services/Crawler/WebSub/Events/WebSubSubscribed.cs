namespace MediaMonitor.Crawler.WebSub.Events;

/// <summary>
/// The hub verified the Crawler's intent to subscribe (or renew): it pushes the topic's new content to the Crawler's
/// callback until <paramref name="LeaseExpiresAt"/>. The subscription's secret is never in the event.
/// </summary>
public sealed record WebSubSubscribed(Guid SourceId, string Hub, string Topic, int LeaseSeconds, DateTimeOffset LeaseExpiresAt, DateTimeOffset VerifiedAt)
{
    public const string StoredName = "websub_subscribed";
}
