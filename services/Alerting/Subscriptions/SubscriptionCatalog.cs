using System.Collections.Concurrent;
using Marten;
using MediaMonitor.Alerting.Matching;
using MediaMonitor.Contracts;
using MediaMonitor.Text.Querying;

namespace MediaMonitor.Alerting.Subscriptions;

/// <summary>Every live subscription of every tenant, held in memory for matching; rebuilt from SubscriptionCreated events.</summary>
public sealed class SubscriptionCatalog(ILogger<SubscriptionCatalog> logger)
{
    private readonly ConcurrentDictionary<Guid, Subscription> _subscriptions = new();
    private volatile SubscriptionIndex<Subscription> _index = new([], s => s.Query);

    public int Count => _index.Count;

    public Subscription? Find(Guid id) => _subscriptions.GetValueOrDefault(id);

    /// <summary>Every subscription (digests and spike watches go through them all).</summary>
    public IEnumerable<Subscription> All => _subscriptions.Values;

    /// <summary>Adds or replaces one subscription; a query that does not parse is logged and left out.</summary>
    public void Apply(SubscriptionCreated created)
    {
        if (Put(created))
        {
            Publish();
        }
    }

    /// <summary>Loads every subscription recorded in the store.</summary>
    public async Task LoadAsync(IQuerySession session, CancellationToken cancellationToken)
    {
        var created = await session.Events.QueryRawEventDataOnly<SubscriptionCreated>().ToListAsync(cancellationToken);
        var changed = false;
        foreach (var c in created)
        {
            changed |= Put(c);
        }

        if (changed)
        {
            Publish();
        }
    }

    private bool Put(SubscriptionCreated created)
    {
        if (_subscriptions.TryGetValue(created.SubscriptionId, out var known) && known.QueryText == created.Query)
        {
            return false;
        }

        var (subscription, error) = Subscription.From(created);
        if (subscription is null)
        {
            logger.LogWarning("Subscription {SubscriptionId} has a query that does not parse ({Error}); it cannot match", created.SubscriptionId, error);
            return false;
        }

        _subscriptions[subscription.Id] = subscription;
        return true;
    }

    private void Publish()
    {
        lock (_subscriptions)
        {
            _index = new SubscriptionIndex<Subscription>([.. _subscriptions.Values.OrderBy(s => s.Id)], s => s.Query);
        }
    }

    /// <summary>The subscriptions whose query the document satisfies.</summary>
    public IReadOnlyList<Subscription> Match(MatchDocument document) => _index.Match(document);
}
