using MediaMonitor.Contracts;
using MediaMonitor.ServiceDefaults;

namespace MediaMonitor.EntityTagging;

/// <summary>Everything the EntityTagging service needs, in one call from Program.cs.</summary>
public static class EntityTaggingWiring
{
    public static WebApplicationBuilder AddEntityTagging(this WebApplicationBuilder builder)
    {
        builder.AddServiceDefaults(new ServiceTelemetry("EntityTagging"));
        builder.AddEventStore()
            .RelayEvents("entitytagging", typeof(EntitiesTagged));
        builder.AddMessageBus();
        return builder;
    }

    public static WebApplication MapEntityTagging(this WebApplication app) => app;
}
