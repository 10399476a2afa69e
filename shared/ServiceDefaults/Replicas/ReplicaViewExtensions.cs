using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MediaMonitor.ServiceDefaults.Replicas;

/// <summary>Registers a per-replica in-memory copy (<see cref="ReplicaView"/>) and the fan-out consumers that keep it current.</summary>
public static class ReplicaViewExtensions
{
    /// <summary>
    /// The view as a singleton, read before the service takes traffic and again every <paramref name="refreshEvery"/> (null:
    /// only at start). Call after AddEventStore, so the store's schema exists before the first read.
    /// </summary>
    public static IServiceCollection AddReplicaView<TView>(this IServiceCollection services, Func<IServiceProvider, TimeSpan?> refreshEvery)
        where TView : ReplicaView
    {
        ArgumentNullException.ThrowIfNull(refreshEvery);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<TView>();
        services.AddSingleton(sp => new ReplicaViewRefresh<TView>(refreshEvery(sp)));
        services.AddHostedService<ReplicaViewLoader<TView>>();
        return services;
    }

    /// <summary>
    /// A consumer every replica runs on a temporary queue of its own (a fan-out, not competing consumers), so each replica's
    /// copy sees every message. The queue is named after the consumer and <see cref="ReplicaInstance"/>, one id per host.
    /// </summary>
    public static IConsumerRegistrationConfigurator<TConsumer> AddReplicaConsumer<TConsumer>(this IBusRegistrationConfigurator bus)
        where TConsumer : class, IConsumer
    {
        ArgumentNullException.ThrowIfNull(bus);
        var instance = ReplicaInstance.Of(bus);
        var consumer = bus.AddConsumer<TConsumer>();
        consumer.Endpoint(e =>
        {
            e.InstanceId = instance.Id;
            e.Temporary = true;
        });
        return consumer;
    }
}

/// <summary>
/// This host's id among the replicas: the machine name (the pod's, so an operator can tell whose queue it is) and 8 random
/// hex digits (two hosts on one machine, or in one test process, still get queues of their own).
/// </summary>
public sealed record ReplicaInstance(string Id)
{
    public static ReplicaInstance New() => new(Environment.MachineName.ToLowerInvariant() + "-" + Guid.NewGuid().ToString("N")[..8]);

    /// <summary>The host's instance, made and registered on first use, so every fan-out queue of one host shares it.</summary>
    internal static ReplicaInstance Of(IServiceCollection services)
    {
        if (services.FirstOrDefault(d => d.ServiceType == typeof(ReplicaInstance))?.ImplementationInstance is ReplicaInstance known)
        {
            return known;
        }

        var instance = New();
        services.AddSingleton(instance);
        return instance;
    }
}
