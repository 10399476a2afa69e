using System.Collections.Concurrent;
using Marten;
using MediaMonitor.Contracts;
using MediaMonitor.Text.Querying;

namespace MediaMonitor.Alerting.Subscriptions;

/// <summary>Every live subscription of every tenant, held in memory for matching; rebuilt from SubscriptionCreated events.</summary>
public sealed class SubscriptionCatalog(ILogger<SubscriptionCatalog> logger)
{
    private readonly ConcurrentDictionary<Guid, Subscription> _subscriptions = new();
    private volatile Subscription[] _snapshot = [];

    public int Count => _snapshot.Length;

    public Subscription? Find(Guid id) => _subscriptions.GetValueOrDefault(id);

    /// <summary>Adds or replaces one subscription; a query that does not parse is logged and left out.</summary>
    public void Apply(SubscriptionCreated created)
    {
        Put(created);
        Publish();
    }

    /// <summary>Loads every subscription recorded in the store.</summary>
    public async Task LoadAsync(IQuerySession session, CancellationToken cancellationToken)
    {
        var created = await session.Events.QueryRawEventDataOnly<SubscriptionCreated>().ToListAsync(cancellationToken);
        foreach (var c in created)
        {
            Put(c);
        }

        Publish();
    }

    private void Put(SubscriptionCreated created)
    {
        if (_subscriptions.TryGetValue(created.SubscriptionId, out var known) && known.QueryText == created.Query)
        {
            return;
        }

        var (subscription, error) = Subscription.From(created);
        if (subscription is null)
        {
            logger.LogWarning("Subscription {SubscriptionId} has a query that does not parse ({Error}); it cannot match", created.SubscriptionId, error);
            return;
        }

        _subscriptions[subscription.Id] = subscription;
    }

    private void Publish()
    {
        lock (_subscriptions)
        {
            _snapshot = [.. _subscriptions.Values];
        }
    }

    /// <summary>The subscriptions whose query the document satisfies.</summary>
    public IReadOnlyList<Subscription> Match(MatchDocument document)
    {
        var matched = new List<Subscription>();
        foreach (var subscription in _snapshot)
        {
            if (subscription.Query.Matches(document))
            {
                matched.Add(subscription);
            }
        }

        return matched;
    }
}
