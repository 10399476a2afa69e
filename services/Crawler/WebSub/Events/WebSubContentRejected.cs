namespace MediaMonitor.Crawler.WebSub.Events;

/// <summary>
/// Content pushed to a WebSub callback was ignored: missing or wrong X-Hub-Signature, too large, or not a feed. The hub
/// got a 2xx all the same (as the spec requires for a bad signature); nothing from the body was taken in.
/// </summary>
public sealed record WebSubContentRejected(Guid SourceId, string Topic, string Reason, DateTimeOffset RejectedAt)
{
    public const string StoredName = "websub_content_rejected";
}
