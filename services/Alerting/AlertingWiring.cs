using MediaMonitor.Contracts;
using MediaMonitor.ServiceDefaults;

namespace MediaMonitor.Alerting;

/// <summary>Everything the Alerting service needs, in one call from Program.cs.</summary>
public static class AlertingWiring
{
    public static WebApplicationBuilder AddAlerting(this WebApplicationBuilder builder)
    {
        builder.AddServiceDefaults(new ServiceTelemetry("Alerting"));
        builder.AddEventStore()
            .RelayEvents("alerting", typeof(AlertRaised), typeof(AlertUpdated), typeof(AlertDelivered), typeof(AlertDeliveryFailed));
        builder.AddMessageBus();
        return builder;
    }

    public static WebApplication MapAlerting(this WebApplication app) => app;
}
