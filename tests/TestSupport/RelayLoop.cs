using MassTransit;
using MediaMonitor.ServiceDefaults;
using Microsoft.Extensions.DependencyInjection;

namespace MediaMonitor.TestSupport;

/// <summary>One relay hop on its own: a host that relays its own events of some types to RabbitMQ and consumes them back.</summary>
public static class RelayLoop
{
    /// <summary>
    /// Starts the host: telemetry named <paramref name="name"/>, relay named after it in lower case, <typeparamref name="TConsumer"/>
    /// on its bus, and <paramref name="services"/> added last (so they can replace what the bus registered).
    /// </summary>
    public static Task<ServiceHost> StartAsync<TConsumer>(IDictionary<string, string?> settings, string name, Type[] relayed, Action<IServiceCollection> services)
        where TConsumer : class, IConsumer
    {
        ArgumentNullException.ThrowIfNull(services);
        return ServiceHost.StartAsync(typeof(TConsumer).Assembly, settings, builder =>
        {
            builder.AddServiceDefaults(new ServiceTelemetry(name));
            builder.AddEventStore().RelayEvents(name.ToLowerInvariant(), relayed);
            builder.AddMessageBus(bus => bus.AddConsumer<TConsumer>());
            services(builder.Services);
        }, app => app.MapDefaultEndpoints());
    }
}
