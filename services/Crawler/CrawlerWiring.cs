using Marten;
using MediaMonitor.Contracts.Crawler;
using MediaMonitor.Crawler.Extraction;
using MediaMonitor.Crawler.Http;
using MediaMonitor.Crawler.Politeness;
using MediaMonitor.Crawler.Polling;
using MediaMonitor.Crawler.Replicas;
using MediaMonitor.Crawler.WebSub;
using MediaMonitor.ServiceDefaults;
using MediaMonitor.ServiceDefaults.EventSchema;
using MediaMonitor.ServiceDefaults.Network;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;

namespace MediaMonitor.Crawler;

/// <summary>Everything the Crawler service needs, in one call from Program.cs.</summary>
public static class CrawlerWiring
{
    public static WebApplicationBuilder AddCrawler(this WebApplicationBuilder builder)
    {
        builder.AddServiceDefaults(new ServiceTelemetry("Crawler"));
        builder.AddEventStore(store =>
            {
                store.AddServiceEvents(CrawlerEvents.StoredNames);
                LeaseTables.AddTo(store);
                store.Schema.For<WebSubSubscription>().DocumentAlias("websub_subscription").UseOptimisticConcurrency(true);
            })
            .RelayEvents("crawler", CrawlerRelay.Events);
        builder.AddMessageBus();

        var options = builder.Configuration.GetSection(CrawlerOptions.Section).Get<CrawlerOptions>() ?? new CrawlerOptions();
        options.AllowedNetworks = [.. NetworkGuard.AllowedNetworks(builder.Configuration, CrawlerOptions.Section + ":AllowedNetworks")];

        builder.Services.AddSingleton(options);
        builder.Services.Configure<SocketTransportOptions>(sockets => sockets.Backlog = Math.Max(1, options.ListenBacklog));
        builder.Services.AddSingleton(new NetworkGuard(options.AllowedNetworks));
        builder.Services.AddSingleton(sp => GuardedHandler.Create(sp.GetRequiredService<NetworkGuard>(), options));
        builder.Services.AddSingleton(sp => new PageFetcher(sp.GetRequiredService<SocketsHttpHandler>(), options));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<HostSchedule>();
        builder.Services.AddSingleton<RobotsCache>();
        builder.Services.AddSingleton<PoliteFetcher>();
        builder.Services.AddSingleton<CrawlerMetrics>();
        builder.Services.AddSingleton(_ => new ExtractionWorkers(
            options.ExtractionWorkers > 0 ? options.ExtractionWorkers : Environment.ProcessorCount, Math.Max(1, options.ExtractionQueueLength)));
        builder.Services.AddSingleton<ArticleIntake>();
        builder.Services.AddSingleton<SourcePoller>();
        builder.Services.AddSingleton<SourceDirectory>();
        builder.Services.AddSingleton<SourceLeases>();
        builder.Services.AddHostedService<CrawlerWorker>();
        builder.Services.AddSingleton(sp => new HubClient(sp.GetRequiredService<SocketsHttpHandler>(), options));
        builder.Services.AddSingleton<WebSubSubscriber>();
        builder.Services.AddSingleton(sp => new PushedSubscriptions(
            async cancellationToken =>
            {
                await using var query = sp.GetRequiredService<IDocumentStore>().QuerySession();
                return await query.Query<WebSubSubscription>()
                    .Where(s => s.State == WebSubState.Active || s.State == WebSubState.Pending)
                    .ToListAsync(cancellationToken);
            },
            async (sourceId, cancellationToken) =>
            {
                await using var query = sp.GetRequiredService<IDocumentStore>().QuerySession();
                return await query.LoadAsync<WebSubSubscription>(sourceId, cancellationToken);
            },
            sp.GetRequiredService<TimeProvider>()));
        builder.Services.AddSingleton<WebSubCallback>();
        builder.Services.AddHostedService<WebSubRenewal>();
        return builder;
    }

    /// <summary>The WebSub callback (answers 404 / 410 for every source while WebSub is off: no subscription exists).</summary>
    public static WebApplication MapCrawler(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet(WebSubCallback.Route, (Guid sourceId, HttpRequest request, WebSubCallback callback, CancellationToken ct) => callback.VerifyAsync(sourceId, request, ct));
        app.MapPost(WebSubCallback.Route, (Guid sourceId, HttpRequest request, WebSubCallback callback, CancellationToken ct) => callback.DistributeAsync(sourceId, request, ct));
        return app;
    }
}
