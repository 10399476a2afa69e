using Marten;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace MediaMonitor.ServiceDefaults;

/// <summary>MassTransit on RabbitMQ, configured once: kebab-case endpoints, retries, error queues, the event relay.</summary>
public static class MessageBusExtensions
{
    public static IHostApplicationBuilder AddMessageBus(
        this IHostApplicationBuilder builder, Action<IBusRegistrationConfigurator>? configureConsumers = null)
    {
        var settings = builder.Configuration.GetSection("RabbitMq").Get<RabbitMqSettings>() ?? new RabbitMqSettings();
        builder.Services.AddSingleton(settings);
        builder.Services.AddMassTransit(bus =>
        {
            bus.SetKebabCaseEndpointNameFormatter();
            // MassTransit 8.5 reports usage to its vendor's host by default: a monitoring deployment does not phone
            // home (and offline clusters logged a warning with a stack trace for every failed report).
            bus.DisableUsageTelemetry();
            configureConsumers?.Invoke(bus);
            bus.AddConfigureEndpointsCallback((_, _, endpoint) =>
            {
                endpoint.UseMessageRetry(r => r.Exponential(8, TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(100)));
                endpoint.PrefetchCount = settings.PrefetchCount;
                endpoint.ConcurrentMessageLimit = settings.ConcurrentMessageLimit;
            });
            bus.UsingRabbitMq((context, rabbit) =>
            {
                rabbit.Host(settings.Host, settings.Port, settings.VirtualHost, h =>
                {
                    h.Username(settings.Username);
                    h.Password(settings.Password);
                });
                rabbit.ConfigureEndpoints(context);
            });
        });
        StartBusFirstAndStopItLast(builder.Services);
        builder.Services.Configure<MassTransitHostOptions>(o =>
        {
            o.WaitUntilStarted = true;
            o.StartTimeout = TimeSpan.FromSeconds(60);
            o.StopTimeout = TimeSpan.FromSeconds(20);
        });
        return builder;
    }

    /// <summary>
    /// Hosted services start in registration order and stop in reverse. The bus goes first, whatever order a service's
    /// wiring adds things in, so the event-store relay never publishes on a bus that has not started or has stopped.
    /// </summary>
    internal static void StartBusFirstAndStopItLast(IServiceCollection services)
    {
        var bus = services
            .Where(d => d.ServiceType == typeof(IHostedService) && IsMassTransit(d))
            .ToList();
        foreach (var descriptor in bus)
        {
            services.Remove(descriptor);
        }

        for (var i = bus.Count - 1; i >= 0; i--)
        {
            services.Insert(0, bus[i]);
        }
    }

    private static bool IsMassTransit(ServiceDescriptor descriptor)
    {
        var type = descriptor.ImplementationType
            ?? descriptor.ImplementationInstance?.GetType()
            ?? descriptor.ImplementationFactory?.Method.ReturnType;
        return type?.Namespace?.StartsWith("MassTransit", StringComparison.Ordinal) == true;
    }

    /// <summary>Relays this service's own events from the event store to RabbitMQ.</summary>
    public static MartenServiceCollectionExtensions.MartenConfigurationExpression RelayEvents(
        this MartenServiceCollectionExtensions.MartenConfigurationExpression marten, string serviceName, params Type[] eventTypes) =>
        marten.RelayEvents(new RelayDefinition(serviceName, eventTypes));

    /// <summary>Relays this service's own events from the event store to RabbitMQ, those the definition publishes.</summary>
    public static MartenServiceCollectionExtensions.MartenConfigurationExpression RelayEvents(
        this MartenServiceCollectionExtensions.MartenConfigurationExpression marten, RelayDefinition definition)
    {
        marten.Services.AddSingleton(definition);
        marten.Services.AddSingleton<RelayLag>();
        return marten.AddSubscriptionWithServices<EventRelay>(ServiceLifetime.Singleton);
    }
}

/// <summary>RabbitMQ connection settings bound from the RabbitMq section (RabbitMq__Host, RabbitMq__Port ...).</summary>
public sealed class RabbitMqSettings
{
    public string Host { get; set; } = "127.0.0.1";

    public ushort Port { get; set; } = 5672;

    public string VirtualHost { get; set; } = "/";

    public string Username { get; set; } = "guest";

    public string Password { get; set; } = "guest";

    public int PrefetchCount { get; set; } = 64;

    public int ConcurrentMessageLimit { get; set; } = 16;

    /// <summary>
    /// The management plugin's address (e.g. http://127.0.0.1:15672/), read by the Api's operations page for queue depths and
    /// dead letters; optional (unset: the page says the broker figures are not configured). The other services ignore it.
    /// </summary>
    public string? ManagementUrl { get; set; }

    /// <summary>The management API's user; unset: <see cref="Username"/>.</summary>
    public string? ManagementUsername { get; set; }

    /// <summary>The management API user's password; unset: <see cref="Password"/>.</summary>
    public string? ManagementPassword { get; set; }
}
