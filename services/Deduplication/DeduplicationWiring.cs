using MassTransit;
using MediaMonitor.Contracts.Deduplication;
using MediaMonitor.Deduplication.Fingerprinting;
using MediaMonitor.Deduplication.Index;
using MediaMonitor.ServiceDefaults;

namespace MediaMonitor.Deduplication;

/// <summary>Everything the Deduplication service needs, in one call from Program.cs.</summary>
public static class DeduplicationWiring
{
    public static WebApplicationBuilder AddDeduplication(this WebApplicationBuilder builder)
    {
        builder.AddServiceDefaults(new ServiceTelemetry("Deduplication"));
        builder.Services.Configure<DeduplicationOptions>(builder.Configuration.GetSection("Deduplication"));
        builder.AddEventStore(DedupTables.Register)
            .RelayEvents("deduplication", DeduplicationRelay.Events);
        builder.Services.AddSingleton<ArticleDeduplicator>();
        builder.Services.AddSingleton(new SiteBoilerplate());
        builder.Services.AddSingleton<DedupIndexRebuilder>();
        builder.Services.AddSingleton<SiteTemplateWarmup>();
        builder.Services.AddSingleton<DedupIndexPruner>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<DedupIndexPruner>());
        builder.AddMessageBus(bus => bus.AddConsumer<ArticleFetchedConsumer, ArticleFetchedConsumerDefinition>());
        return builder;
    }

    /// <summary>POST /admin/dedup/rebuild rebuilds the index from the event store (operators; not exposed through the Api).</summary>
    public static WebApplication MapDeduplication(this WebApplication app)
    {
        app.MapPost("/admin/dedup/rebuild", async (DedupIndexRebuilder rebuilder, CancellationToken ct) =>
            Results.Ok(new { articles = await rebuilder.RebuildAsync(DateTimeOffset.UtcNow, ct) }));
        return app;
    }
}
