using MediaMonitor.Contracts;
using MediaMonitor.ServiceDefaults;

namespace MediaMonitor.Deduplication;

/// <summary>Everything the Deduplication service needs, in one call from Program.cs.</summary>
public static class DeduplicationWiring
{
    public static WebApplicationBuilder AddDeduplication(this WebApplicationBuilder builder)
    {
        builder.AddServiceDefaults(new ServiceTelemetry("Deduplication"));
        builder.AddEventStore()
            .RelayEvents("deduplication", typeof(ArticleDeduplicated));
        builder.AddMessageBus();
        return builder;
    }

    public static WebApplication MapDeduplication(this WebApplication app) => app;
}
