namespace MediaMonitor.Contracts.Crawler;

/// <summary>
/// The events the Crawler relays to RabbitMQ: its RelayEvents list, and what a test standing in for the Crawler relays.
/// SourcePolled and ArticleDiscovered are not among them: no service consumes them from the bus (the Api and the
/// benchmarks fold them from the event store), and one was a publish at every poll, the other at every article.
/// </summary>
public static class CrawlerRelay
{
    public static readonly Type[] Events =
    [
        typeof(SourceFailed), typeof(ArticleFetched), typeof(ArticleFetchFailed), typeof(MalformedFeedRecovered),
        typeof(SourceDisabled),
    ];
}
