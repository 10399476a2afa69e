namespace MediaMonitor.Contracts.Crawler;

/// <summary>The events the Crawler relays to RabbitMQ: its RelayEvents list, and what a test standing in for the Crawler relays.</summary>
public static class CrawlerRelay
{
    public static readonly Type[] Events =
    [
        typeof(SourcePolled), typeof(SourceFailed), typeof(ArticleDiscovered), typeof(ArticleFetched), typeof(ArticleFetchFailed), typeof(MalformedFeedRecovered),
        typeof(SourceDisabled),
    ];
}
