using JasperFx.Events;
using JasperFx.Events.Projections;
using Marten;
using Marten.Events;
using Marten.Events.Projections;
using MediaMonitor.Contracts.Api;

namespace MediaMonitor.ServiceDefaults.Entities;

/// <summary>Read model of one operator's EntityDefined (Id: the event's id), what every EntityTagging replica's gazetteer applies.</summary>
public sealed record OperatorEntityDefinition
{
    public Guid Id { get; init; }

    public long Sequence { get; init; }

    public required EntityDefined Defined { get; init; }
}

/// <summary>
/// Stores each EntityDefined as an <see cref="OperatorEntityDefinition"/> keyed by the event's id, inline with the append
/// (only the Api appends it, so only the Api runs it). One document per event, not a fold: writing one twice gives the
/// same document, so the one-time build of a store written before this read model
/// (<see cref="OperatorEntityDefinitions.EnsureBuiltAsync"/>) cannot race an append into a wrong result.
/// </summary>
public sealed partial class OperatorEntityDefinitionProjection : MultiStreamProjection<OperatorEntityDefinition, Guid>
{
    public OperatorEntityDefinitionProjection()
    {
        Identity<IEvent<EntityDefined>>(e => e.Id);
    }

    public static OperatorEntityDefinition Create(IEvent<EntityDefined> e) => OperatorEntityDefinitions.Of(e);
}

/// <summary>Registration and the one-time build of <see cref="OperatorEntityDefinition"/>.</summary>
public static class OperatorEntityDefinitions
{
    public const string Alias = "operator_entity_definition";

    /// <summary>The marker's id; a new version of the read model builds again.</summary>
    public const string Version = "operator-entity-definitions/1";

    public static OperatorEntityDefinition Of(IEvent<EntityDefined> e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return new OperatorEntityDefinition { Id = e.Id, Sequence = e.Sequence, Defined = e.Data };
    }

    /// <summary>The table: every store declares it (AddEventStore), so they all agree on its shape.</summary>
    public static void AddOperatorEntityReadModel(this StoreOptions opts)
    {
        ArgumentNullException.ThrowIfNull(opts);
        // Numeric revisions as the projection stores them, so stores without the projection declare the same table.
        opts.Schema.For<OperatorEntityDefinition>().DocumentAlias(Alias).UseNumericRevisions(true);
        opts.Schema.For<ReadModelBuilt>().DocumentAlias("read_model_built");
    }

    /// <summary>Runs the projection inline: in the store of the process that appends EntityDefined (the Api, or a test standing in for it).</summary>
    public static void AddOperatorEntityProjection(this StoreOptions opts)
    {
        ArgumentNullException.ThrowIfNull(opts);
        opts.Projections.Add(new OperatorEntityDefinitionProjection(), ProjectionLifecycle.Inline);
    }

    /// <summary>
    /// On the first read after this read model came in, stores a document for every EntityDefined already in the store (a
    /// store written before it existed), then records <see cref="Version"/>; later calls only find the marker. Safe beside
    /// live appends and on two replicas at once: each document is a copy of one event.
    /// </summary>
    public static async Task EnsureBuiltAsync(IDocumentStore store, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        await using var session = store.LightweightSession();
        if (await session.LoadAsync<ReadModelBuilt>(Version, cancellationToken) is not null)
        {
            return;
        }

        var events = await session.Events.QueryAllRawEvents().Where(e => e.EventTypesAre(typeof(EntityDefined))).ToListAsync(cancellationToken);
        foreach (var e in events)
        {
            session.Store(new OperatorEntityDefinition { Id = e.Id, Sequence = e.Sequence, Defined = (EntityDefined)e.Data });
        }

        session.Store(new ReadModelBuilt { Id = Version, BuiltAt = DateTimeOffset.UtcNow });
        await session.SaveChangesAsync(cancellationToken);
    }
}

/// <summary>Marks that a read model added after its events was built from them once (Id: the read model's version).</summary>
public sealed record ReadModelBuilt
{
    public string Id { get; init; } = "";

    public DateTimeOffset BuiltAt { get; init; }
}
