namespace MediaMonitor.Crawler.WebSub.Events;

/// <summary>
/// A WebSub subscription did not take: the hub refused the request or could not be reached (<paramref name="Denied"/> false),
/// or it denied the subscription through the callback (<paramref name="Denied"/> true). The source is polled as before.
/// </summary>
public sealed record WebSubSubscriptionFailed(Guid SourceId, string Hub, string Topic, string Reason, bool Denied, DateTimeOffset FailedAt)
{
    public const string StoredName = "websub_subscription_failed";
}
