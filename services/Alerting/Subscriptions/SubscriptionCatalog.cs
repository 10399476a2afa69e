using System.Collections.Concurrent;
using Marten;
using MediaMonitor.Alerting.Matching;
using MediaMonitor.Contracts.Api;
using MediaMonitor.ServiceDefaults.Replicas;
using MediaMonitor.ServiceDefaults.Subscriptions;
using MediaMonitor.Text.Querying;

namespace MediaMonitor.Alerting.Subscriptions;

/// <summary>
/// Every live subscription of every tenant, held in memory for matching: read from the <see cref="SubscriptionRecord"/> read
/// model (the Api's, inline with each subscription event). A paused subscription stays in the index but raises nothing
/// until its pause ends. This replica's copy (<see cref="ReplicaView"/>): read at start and every
/// Alerting:CatalogRefreshSeconds, kept current by <see cref="SubscriptionCatalogConsumer"/> and <see cref="SubscriptionChangeConsumer"/>;
/// of two copies of one record it keeps the one of the later stream version, so a read and a message can overlap.
/// </summary>
public sealed class SubscriptionCatalog(TimeProvider clock, ILogger<SubscriptionCatalog> logger) : ReplicaView(clock)
{
    private const int LoadBatch = 1000;
    private readonly Lock _gate = new();
    private readonly ConcurrentDictionary<Guid, long> _versions = new();
    private readonly ConcurrentDictionary<Guid, Subscription> _subscriptions = new();
    private readonly ConcurrentDictionary<Guid, DateTimeOffset> _pausedUntil = new();
    private readonly ConcurrentDictionary<Guid, IReadOnlyList<PauseSpan>> _pauses = new();
    private volatile SubscriptionIndex<Subscription> _index = new([], s => s.Query);
    private volatile bool _built;

    public int Count => _index.Count;

    public Subscription? Find(Guid id) => _subscriptions.GetValueOrDefault(id);

    public bool IsPausedAt(Guid id, DateTimeOffset now) => _pausedUntil.TryGetValue(id, out var until) && until > now;

    /// <summary>Whether a pause (past or current) covered the instant <paramref name="at"/>, e.g. when a digest fell due.</summary>
    public bool WasPausedAt(Guid id, DateTimeOffset at) => _pauses.TryGetValue(id, out var spans) && spans.Any(p => p.Covers(at));

    /// <summary>Every subscription, paused or not.</summary>
    public IEnumerable<Subscription> All => _subscriptions.Values;

    /// <summary>The subscriptions not paused now (digests and spike watches go through these: a pause stops them too; a mute does not).</summary>
    public IEnumerable<Subscription> ActiveAt(DateTimeOffset now) => _pausedUntil.IsEmpty ? _subscriptions.Values : _subscriptions.Values.Where(s => !IsPausedAt(s.Id, now));

    /// <summary>Adds a new subscription; a query that does not parse is logged and left out. Ignored once the subscription is known (later events win).</summary>
    public void Apply(SubscriptionCreated created)
    {
        ArgumentNullException.ThrowIfNull(created);
        if (!_versions.ContainsKey(created.SubscriptionId) && Put(SubscriptionRecord.Create(created)))
        {
            Publish();
        }
    }

    /// <summary>Replaces one subscription by its record, unless the copy holds a later version of it.</summary>
    public void Apply(SubscriptionRecord record)
    {
        if (Put(record))
        {
            Publish();
        }
    }

    /// <summary>
    /// Reads every subscription record in the store (building the read model once in a store written before it existed).
    /// The first read publishes its index before the catalog counts as loaded: two loads at once (the startup loader and the
    /// first queued message) once let the second see "nothing changed", skip publishing and mark the catalog loaded while
    /// the first was still building the index, so that message matched an empty index and was acknowledged with its alerts
    /// lost (the base class runs reads one at a time).
    /// </summary>
    protected override async Task<int> ReadAsync(IQuerySession session, CancellationToken cancellationToken)
    {
        if (!_built)
        {
            await SubscriptionRecords.EnsureBuiltAsync(session.DocumentStore, cancellationToken);
            _built = true;
        }

        // Versions first, then only the records this copy does not hold at that version: a refresh that finds nothing new
        // (the usual case, every Alerting:CatalogRefreshSeconds) neither reads every record nor parses every query again.
        var versions = await session.Query<SubscriptionRecord>().Select(r => new { r.Id, r.StreamVersion }).ToListAsync(cancellationToken);
        var stale = versions.Where(v => IsNewer(v.Id, v.StreamVersion)).Select(v => v.Id).ToList();
        var changed = false;
        foreach (var ids in stale.Chunk(LoadBatch))
        {
            foreach (var stored in await session.LoadManyAsync<SubscriptionRecord>(cancellationToken, ids))
            {
                // A record without its creation: a change the Api appended while the read model was being built for the first time.
                var record = stored.State is null ? await SubscriptionRecords.RepairAsync(session.DocumentStore, stored.Id, cancellationToken) : stored;
                changed |= record is not null && Put(record);
            }
        }

        // A subscription a consumer put meanwhile (its own Publish may still be on the way) makes "changed" false here:
        // the first load publishes regardless, so "loaded" always means "the index holds what the store held".
        if (changed || !IsLoaded)
        {
            Publish();
        }

        return _subscriptions.Count;
    }

    /// <summary>The subscriptions whose query the document satisfies and that are not paused now.</summary>
    public IReadOnlyList<Subscription> Match(MatchDocument document, DateTimeOffset now)
    {
        var matched = _index.Match(document);
        return _pausedUntil.IsEmpty ? matched : matched.Where(s => !IsPausedAt(s.Id, now)).ToList();
    }

    /// <summary>
    /// Whether a stored record of this version may change the copy: not when the copy holds the version already (a record is
    /// the fold of its stream up to that version), nor at version 0, which no subscription event ever wrote (the Api's inline
    /// projection leaves such an empty record for the other streams it appends, a tenant's or a source's).
    /// </summary>
    private bool IsNewer(Guid id, long version) => version > 0 && (!_versions.TryGetValue(id, out var held) || held < version);

    /// <summary>Takes the record unless a later version is held; returns whether the index must be published again.</summary>
    private bool Put(SubscriptionRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (record.State is null)
        {
            return false;
        }

        lock (_gate)
        {
            var id = record.Id;
            if (_versions.TryGetValue(id, out var held) && held > record.StreamVersion)
            {
                return false;
            }

            _versions[id] = record.StreamVersion;
            return Put(id, SubscriptionHistory.Of(record));
        }
    }

    private bool Put(Guid id, SubscriptionHistory history)
    {
        // A pause only filters matches, so it needs no new index.
        if (history.PausedUntil is { } pausedUntil)
        {
            _pausedUntil[id] = pausedUntil;
        }
        else
        {
            _pausedUntil.TryRemove(id, out _);
        }

        if (history.Pauses.Count > 0)
        {
            _pauses[id] = history.Pauses;
        }
        else
        {
            _pauses.TryRemove(id, out _);
        }

        if (history.Subscription is not { } subscription)
        {
            if (history.Error is not null)
            {
                logger.LogWarning("Subscription {SubscriptionId} has a query that does not parse ({Error}); it cannot match", id, history.Error);
            }

            return false;
        }

        if (_subscriptions.TryGetValue(id, out var current) && current == subscription)
        {
            return false;
        }

        _subscriptions[id] = subscription;
        return true;
    }

    private void Publish()
    {
        lock (_subscriptions)
        {
            _index = new SubscriptionIndex<Subscription>([.. _subscriptions.Values.OrderBy(s => s.Id)], s => s.Query);
        }
    }
}
