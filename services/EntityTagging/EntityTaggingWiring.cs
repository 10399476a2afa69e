using MediaMonitor.Contracts;
using MediaMonitor.ServiceDefaults;
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
        builder.Services.AddSingleton(sp => TaggerComposition.Create(sp.GetRequiredService<IOptions<EntityTaggingOptions>>().Value.DataDirectory));
        builder.Services.AddSingleton<TaggingMetrics>();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.AddEventStore()
            .RelayEvents("entitytagging", typeof(EntitiesTagged));
        builder.AddMessageBus(bus => bus.AddConsumer<TagArticleConsumer>());
        return builder;
    }

    public static WebApplication MapEntityTagging(this WebApplication app)
    {
        // Load the gazetteer at start-up, not on the first message.
        _ = app.Services.GetRequiredService<ArticleTagger>();
        return app;
    }
}
