namespace MediaMonitor.Contracts.Crawler;

/// <summary>
/// The events the Crawler relays to RabbitMQ: its RelayEvents list, and what a test standing in for the Crawler relays.
/// SourcePolled is not among them: no service consumes it from the bus (the Api folds it from the event store).
/// </summary>
public static class CrawlerRelay
{
    public static readonly Type[] Events =
    [
        typeof(SourceFailed), typeof(ArticleDiscovered), typeof(ArticleFetched), typeof(ArticleFetchFailed), typeof(MalformedFeedRecovered),
        typeof(SourceDisabled),
    ];
}
