using Marten;
using MassTransit;
using MediaMonitor.Contracts.Api;
using MediaMonitor.EntityTagging.Gazetteers;
using MediaMonitor.EntityTagging.Linking;
using MediaMonitor.ServiceDefaults.Entities;
using MediaMonitor.ServiceDefaults.Replicas;

namespace MediaMonitor.EntityTagging;

/// <summary>Applies an operator's EntityDefined to this replica's gazetteer (its own temporary queue); new articles see the names at once.</summary>
public sealed class EntityDefinedConsumer(OperatorEntities entities, ILogger<EntityDefinedConsumer> logger) : IConsumer<EntityDefined>
{
    public Task Consume(ConsumeContext<EntityDefined> context)
    {
        var entry = entities.Apply(context.Message);
        logger.LogInformation("Operator entity {EntityId} ({Name}) now has {Count} names", entry.EntityId, entry.Name, entities.NamesOf(entry.EntityId));
        return Task.CompletedTask;
    }
}

/// <summary>
/// The gazetteer's operator overlay as this replica's copy: every definition in the <see cref="OperatorEntityDefinition"/>
/// read model (the Api's, inline with each EntityDefined), read before the service takes traffic and before each
/// reprocessing batch, kept current by <see cref="EntityDefinedConsumer"/>. Applying a definition twice changes nothing,
/// so a read that overlaps a message is harmless.
/// </summary>
public sealed class OperatorEntities(IDocumentStore store, Gazetteer gazetteer, TimeProvider clock) : ReplicaView(clock)
{
    private volatile bool _built;

    public static GazetteerEntry Apply(Gazetteer gazetteer, EntityDefined defined)
    {
        ArgumentNullException.ThrowIfNull(gazetteer);
        ArgumentNullException.ThrowIfNull(defined);
        var id = string.IsNullOrWhiteSpace(defined.EntityId) ? EntityLinker.IdFor(defined.Type, defined.Name) : defined.EntityId;
        return gazetteer.Define(id, defined.Name, defined.Type, defined.Aliases ?? []);
    }

    public GazetteerEntry Apply(EntityDefined defined) => Apply(gazetteer, defined);

    public int NamesOf(string entityId) => gazetteer.AliasesOf(entityId).Count;

    protected override async Task<int> ReadAsync(IQuerySession session, CancellationToken cancellationToken)
    {
        if (!_built)
        {
            // A store written before the read model existed gets it built once, by whichever replica reads first.
            await OperatorEntityDefinitions.EnsureBuiltAsync(store, cancellationToken);
            _built = true;
        }

        var definitions = await session.Query<OperatorEntityDefinition>().OrderBy(d => d.Sequence).ToListAsync(cancellationToken);
        foreach (var definition in definitions)
        {
            Apply(gazetteer, definition.Defined);
        }

        return definitions.Count;
    }
}
