using MediaMonitor.Contracts.EntityTagging;
using MediaMonitor.EntityTagging.Gazetteers;
using MediaMonitor.EntityTagging.Reprocessing;
using MediaMonitor.ServiceDefaults;
using MediaMonitor.ServiceDefaults.Articles;
using MediaMonitor.ServiceDefaults.Jobs;
using MediaMonitor.ServiceDefaults.Replicas;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace MediaMonitor.EntityTagging;

/// <summary>Everything the EntityTagging service needs, in one call from Program.cs.</summary>
public static class EntityTaggingWiring
{
    public static WebApplicationBuilder AddEntityTagging(this WebApplicationBuilder builder)
    {
        builder.AddServiceDefaults(new ServiceTelemetry("EntityTagging"));
        builder.Services.Configure<EntityTaggingOptions>(builder.Configuration.GetSection("EntityTagging"));
        builder.Services.AddSingleton(sp => Gazetteer.Load(sp.GetRequiredService<IOptions<EntityTaggingOptions>>().Value.DataDirectory));
        builder.Services.AddSingleton(sp => TaggerComposition.Create(
            sp.GetRequiredService<IOptions<EntityTaggingOptions>>().Value.DataDirectory, sp.GetRequiredService<Gazetteer>()));
        builder.Services.AddSingleton<TaggingMetrics>();
        builder.Services.TryAddSingleton(TimeProvider.System);
        // Reprocessing jobs read the article read model, so this service runs its projection too (HotCold: one process at a time).
        builder.AddEventStore(opts => opts.AddArticleProjection())
            .RelayEvents("entitytagging", EntityTaggingRelay.Events);
        // Read before the service takes traffic; kept current by EntityDefinedConsumer, no periodic refresh (definitions only add).
        builder.Services.AddReplicaView<OperatorEntities>(_ => null);
        builder.AddMessageBus(bus =>
        {
            bus.AddConsumer<TagArticleConsumer>();
            bus.AddConsumer<ReprocessArticlesConsumer>();
            builder.AddJobKind<ReprocessingJob>(bus, JobKinds.Reprocessing);

            // Every replica needs every definition: a queue of its own per instance, not a competing consumer.
            bus.AddReplicaConsumer<EntityDefinedConsumer>();
        });
        return builder;
    }

    public static WebApplication MapEntityTagging(this WebApplication app)
    {
        // Load the gazetteer at start-up, not on the first message.
        _ = app.Services.GetRequiredService<ArticleTagger>();
        return app;
    }
}
