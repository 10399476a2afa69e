using MediaMonitor.Contracts;
using MediaMonitor.ServiceDefaults;

namespace MediaMonitor.Crawler;

/// <summary>Everything the Crawler service needs, in one call from Program.cs.</summary>
public static class CrawlerWiring
{
    public static WebApplicationBuilder AddCrawler(this WebApplicationBuilder builder)
    {
        builder.AddServiceDefaults(new ServiceTelemetry("Crawler"));
        builder.AddEventStore()
            .RelayEvents("crawler", typeof(SourcePolled), typeof(SourceFailed), typeof(ArticleDiscovered), typeof(ArticleFetched), typeof(ArticleFetchFailed));
        builder.AddMessageBus();
        return builder;
    }

    public static WebApplication MapCrawler(this WebApplication app) => app;
}
