using MediaMonitor.Contracts;
using MediaMonitor.ServiceDefaults;

namespace MediaMonitor.Api;

/// <summary>Everything the Api service needs, in one call from Program.cs.</summary>
public static class ApiWiring
{
    public static WebApplicationBuilder AddApi(this WebApplicationBuilder builder)
    {
        builder.AddServiceDefaults(new ServiceTelemetry("Api"));
        builder.AddEventStore()
            .RelayEvents("api", typeof(SourceAdded), typeof(SubscriptionCreated), typeof(TenantCreated), typeof(ApiKeyIssued));
        builder.AddMessageBus();
        return builder;
    }

    public static WebApplication MapApi(this WebApplication app) => app;
}
