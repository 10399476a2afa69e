using JasperFx.Events;
using JasperFx.Events.Projections;
using Marten;
using Marten.Events;
using Marten.Events.Aggregation;
using MediaMonitor.Contracts.Api;
using MediaMonitor.ServiceDefaults.Entities;

namespace MediaMonitor.ServiceDefaults.Subscriptions;

/// <summary>
/// Folds each subscription stream into <see cref="SubscriptionRecord"/>, inline with the append, so the record changes in the
/// transaction that records the change (a replica told of the change by the relay finds it). Only the Api runs it: it
/// appends every subscription event, and an Inline projection runs in the process that appends. StreamVersion is counted
/// by the fold (every event of a subscription stream is one of these), not read from the event: under Quick appends an
/// inline projection sees version 0.
/// </summary>
public sealed partial class SubscriptionRecordProjection : SingleStreamProjection<SubscriptionRecord, Guid>
{
    public static SubscriptionRecord Create(SubscriptionCreated e) => SubscriptionRecord.Create(e);

    public static SubscriptionRecord Apply(SubscriptionQueryChanged e, SubscriptionRecord record) => SubscriptionRecord.Step(record, e)!;

    public static SubscriptionRecord Apply(SubscriptionDeliveryChanged e, SubscriptionRecord record) => SubscriptionRecord.Step(record, e)!;

    public static SubscriptionRecord Apply(WebhookSecretRotated e, SubscriptionRecord record) => SubscriptionRecord.Step(record, e)!;

    public static SubscriptionRecord Apply(SubscriptionPaused e, SubscriptionRecord record) => SubscriptionRecord.Step(record, e)!;

    public static SubscriptionRecord Apply(SubscriptionResumed e, SubscriptionRecord record) => SubscriptionRecord.Step(record, e)!;
}

/// <summary>Registration and the one-time build of <see cref="SubscriptionRecord"/>.</summary>
public static class SubscriptionRecords
{
    public const string Alias = "subscription_record";

    /// <summary>The marker's id (<see cref="ReadModelBuilt"/>); a new version of the read model builds again.</summary>
    public const string Version = "subscription-records/1";

    public static readonly Type[] EventTypes =
        [typeof(SubscriptionCreated), typeof(SubscriptionQueryChanged), typeof(SubscriptionDeliveryChanged), typeof(SubscriptionPaused), typeof(SubscriptionResumed),
            typeof(WebhookSecretRotated)];

    /// <summary>The table: every store declares it (AddEventStore), so they all agree on its shape.</summary>
    public static void AddSubscriptionReadModel(this StoreOptions opts)
    {
        ArgumentNullException.ThrowIfNull(opts);
        // Numeric revisions as the projection stores them, so stores without the projection declare the same table.
        opts.Schema.For<SubscriptionRecord>().DocumentAlias(Alias).UseNumericRevisions(true);
    }

    /// <summary>Runs the projection inline: in the store of the process that appends the subscription events (the Api, or a test standing in for it).</summary>
    public static void AddSubscriptionProjection(this StoreOptions opts)
    {
        ArgumentNullException.ThrowIfNull(opts);
        opts.Projections.Add<SubscriptionRecordProjection>(ProjectionLifecycle.Inline);
    }

    /// <summary>
    /// On the first read after this read model came in, folds every subscription stream already in the store (a store
    /// written before it existed) into a record, keeping a newer one the Api wrote meanwhile, then records
    /// <see cref="Version"/>; later calls only find the marker. Two replicas building at once write the same records. A
    /// change the Api appends to such a stream while this runs is folded again right after (its projection found no record,
    /// or this wrote over its record); one whose projection writes after that leaves a record without its creation, which
    /// readers repair (<see cref="RepairAsync"/>).
    /// </summary>
    public static async Task EnsureBuiltAsync(IDocumentStore store, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        long last;
        await using (var session = store.LightweightSession())
        {
            if (await session.LoadAsync<ReadModelBuilt>(Version, cancellationToken) is not null)
            {
                return;
            }

            var events = await session.Events.QueryAllRawEvents().Where(e => e.EventTypesAre(EventTypes)).OrderBy(e => e.Sequence).ToListAsync(cancellationToken);
            last = events.Count == 0 ? 0 : events[^1].Sequence;
            await StoreNewerAsync(session, events, cancellationToken);
            session.Store(new ReadModelBuilt { Id = Version, BuiltAt = DateTimeOffset.UtcNow });
            await session.SaveChangesAsync(cancellationToken);
        }

        await using var again = store.LightweightSession();
        var later = await again.Events.QueryAllRawEvents().Where(e => e.Sequence > last).Where(e => e.EventTypesAre(EventTypes)).ToListAsync(cancellationToken);
        foreach (var stream in later.Select(e => e.StreamId).Distinct())
        {
            await StoreNewerAsync(again, await again.Events.FetchStreamAsync(stream, token: cancellationToken), cancellationToken);
        }

        await again.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// Folds one subscription's stream and stores the record when the stored one is older or lacks the creation (written by
    /// the Api's projection for a stream whose record had not been built yet); returns the fold (null: no such subscription).
    /// </summary>
    public static async Task<SubscriptionRecord?> RepairAsync(IDocumentStore store, Guid subscriptionId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        await using var session = store.LightweightSession();
        var stream = await session.Events.FetchStreamAsync(subscriptionId, token: cancellationToken);
        await StoreNewerAsync(session, stream, cancellationToken);
        await session.SaveChangesAsync(cancellationToken);
        return SubscriptionRecord.Fold(stream.Select(e => e.Data));
    }

    /// <summary>
    /// Folds one stream again and stores the record, when its stored events were rewritten in place (the Api's one sanctioned
    /// rewrite, StoredSecretMove): an inline projection only sees appends.
    /// </summary>
    public static async Task RefoldAsync(IDocumentSession session, Guid subscriptionId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (SubscriptionRecord.Fold((await session.Events.FetchStreamAsync(subscriptionId, token: cancellationToken)).Select(e => e.Data)) is { } record)
        {
            session.Store(record);
        }
    }

    /// <summary>Folds the events of each stream among <paramref name="events"/> and stores each record newer than the stored one.</summary>
    private static async Task StoreNewerAsync(IDocumentSession session, IReadOnlyList<IEvent> events, CancellationToken cancellationToken)
    {
        var streams = events.GroupBy(e => e.StreamId).ToList();
        if (streams.Count == 0)
        {
            return;
        }

        var stored = (await session.LoadManyAsync<SubscriptionRecord>(cancellationToken, streams.Select(s => s.Key).ToArray())).ToDictionary(r => r.Id);
        foreach (var stream in streams)
        {
            if (SubscriptionRecord.Fold(stream.Select(e => e.Data)) is { } record && IsNewer(record, stored.GetValueOrDefault(stream.Key)))
            {
                session.Store(record);
            }
        }
    }

    private static bool IsNewer(SubscriptionRecord record, SubscriptionRecord? stored) => stored?.State is null || stored.StreamVersion < record.StreamVersion;
}
