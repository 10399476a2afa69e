using System.Collections.Concurrent;
using Marten;
using Marten.Events;
using MediaMonitor.Alerting.Matching;
using MediaMonitor.Contracts.Api;
using MediaMonitor.ServiceDefaults.Replicas;
using MediaMonitor.Text.Querying;

namespace MediaMonitor.Alerting.Subscriptions;

/// <summary>
/// Every live subscription of every tenant, held in memory for matching: rebuilt from the subscription streams
/// (SubscriptionCreated, SubscriptionQueryChanged, SubscriptionDeliveryChanged, SubscriptionPaused, SubscriptionResumed). A paused subscription stays
/// in the index but raises nothing until its pause ends. This replica's copy (<see cref="ReplicaView"/>): read at start and
/// every Alerting:CatalogRefreshSeconds, kept current by <see cref="SubscriptionCatalogConsumer"/> and <see cref="SubscriptionChangeConsumer"/>.
/// </summary>
public sealed class SubscriptionCatalog(TimeProvider clock, ILogger<SubscriptionCatalog> logger) : ReplicaView(clock)
{
    private static readonly Type[] SubscriptionEvents =
        [typeof(SubscriptionCreated), typeof(SubscriptionQueryChanged), typeof(SubscriptionDeliveryChanged), typeof(SubscriptionPaused), typeof(SubscriptionResumed),
            typeof(WebhookSecretRotated)];

    private readonly ConcurrentDictionary<Guid, Subscription> _subscriptions = new();
    private readonly ConcurrentDictionary<Guid, DateTimeOffset> _pausedUntil = new();
    private readonly ConcurrentDictionary<Guid, IReadOnlyList<PauseSpan>> _pauses = new();
    private volatile SubscriptionIndex<Subscription> _index = new([], s => s.Query);

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
        if (!_subscriptions.ContainsKey(created.SubscriptionId) && Put(created.SubscriptionId, SubscriptionHistory.Fold([created])))
        {
            Publish();
        }
    }

    /// <summary>Replaces one subscription by what its whole stream says.</summary>
    public void Apply(Guid subscriptionId, IEnumerable<object> stream)
    {
        if (Put(subscriptionId, SubscriptionHistory.Fold(stream)))
        {
            Publish();
        }
    }

    /// <summary>
    /// Reads every subscription recorded in the store. The first read publishes its index before the catalog counts as
    /// loaded: two loads at once (the startup loader and the first queued message) once let the second see "nothing
    /// changed", skip publishing and mark the catalog loaded while the first was still building the index, so that message
    /// matched an empty index and was acknowledged with its alerts lost (the base class runs reads one at a time).
    /// </summary>
    protected override async Task<int> ReadAsync(IQuerySession session, CancellationToken cancellationToken)
    {
        var events = await session.Events.QueryAllRawEvents().Where(e => e.EventTypesAre(SubscriptionEvents)).OrderBy(e => e.Sequence)
            .ToListAsync(cancellationToken);
        var changed = false;
        foreach (var stream in events.GroupBy(e => e.StreamId))
        {
            changed |= Put(stream.Key, SubscriptionHistory.Fold(stream.Select(e => e.Data)));
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
