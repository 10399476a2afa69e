using Marten;
using MassTransit;
using MediaMonitor.Contracts.Api;
using MediaMonitor.EntityTagging.Gazetteers;
using MediaMonitor.EntityTagging.Linking;

namespace MediaMonitor.EntityTagging;

/// <summary>Applies an operator's EntityDefined to the gazetteer; new articles see the names at once.</summary>
public sealed class EntityDefinedConsumer(Gazetteer gazetteer, ILogger<EntityDefinedConsumer> logger) : IConsumer<EntityDefined>
{
    public Task Consume(ConsumeContext<EntityDefined> context)
    {
        var entry = OperatorEntities.Apply(gazetteer, context.Message);
        logger.LogInformation("Operator entity {EntityId} ({Name}) now has {Count} names", entry.EntityId, entry.Name,
            gazetteer.AliasesOf(entry.EntityId).Count);
        return Task.CompletedTask;
    }
}

/// <summary>
/// Loads every EntityDefined from the event store when the service starts, and once more when the bus is up (so a
/// definition appended in between is not missed; applying one twice changes nothing).
/// </summary>
public sealed class OperatorEntities(IDocumentStore store, Gazetteer gazetteer, IHostApplicationLifetime lifetime, ILogger<OperatorEntities> logger)
    : IHostedService
{
    public static GazetteerEntry Apply(Gazetteer gazetteer, EntityDefined defined)
    {
        var id = string.IsNullOrWhiteSpace(defined.EntityId) ? EntityLinker.IdFor(defined.Type, defined.Name) : defined.EntityId;
        return gazetteer.Define(id, defined.Name, defined.Type, defined.Aliases ?? []);
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        lifetime.ApplicationStarted.Register(() => _ = LoadAsync(lifetime.ApplicationStopping));
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Applies every EntityDefined in the event store to the gazetteer (applying one twice changes nothing).</summary>
    public static async Task<int> LoadAllAsync(IDocumentStore store, Gazetteer gazetteer, CancellationToken cancellationToken)
    {
        await using var session = store.QuerySession();
        var definitions = await session.Events.QueryRawEventDataOnly<EntityDefined>().ToListAsync(cancellationToken);
        foreach (var defined in definitions)
        {
            Apply(gazetteer, defined);
        }

        return definitions.Count;
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        try
        {
            var count = await LoadAllAsync(store, gazetteer, cancellationToken);
            logger.LogInformation("Loaded {Count} operator entity definitions", count);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Could not load operator entity definitions; the shipped gazetteer is used until they arrive by message");
        }
    }
}
