namespace MediaMonitor.Crawler.WebSub.Events;

/// <summary>The hub verified the Crawler's unsubscription (the source was disabled); it pushes nothing more.</summary>
public sealed record WebSubUnsubscribed(Guid SourceId, string Hub, string Topic, DateTimeOffset UnsubscribedAt)
{
    public const string StoredName = "websub_unsubscribed";
}
