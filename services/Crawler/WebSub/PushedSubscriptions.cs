using System.Collections.Concurrent;

namespace MediaMonitor.Crawler.WebSub;

/// <summary>
/// The subscriptions content distributions are checked against, without a database read per push: every subscription
/// that takes content is read in one query when a push finds the copy in memory older than <see cref="MaxAge"/> (one
/// such read at a time, the pushes meanwhile wait for it). A burst of pushes from thousands of hubs at once then costs
/// one read, not thousands queued on the connection pool in front of the intake that stores what was pushed. A source
/// missing from the copy, one whose subscription this replica just changed (<see cref="Forget"/>), and a push whose
/// signature the copy's secret does not verify (<see cref="FindAsync"/> with fresh) are read alone, so a subscription
/// made, re-keyed or ended by another replica is seen within <see cref="MaxAge"/>, and a new secret at once.
/// </summary>
public sealed class PushedSubscriptions(
    Func<CancellationToken, Task<IReadOnlyList<WebSubSubscription>>> readAll, Func<Guid, CancellationToken, Task<WebSubSubscription?>> readOne, TimeProvider clock) : IDisposable
{
    /// <summary>How long the copy read from the database answers pushes before it is read again.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(30);

    private readonly SemaphoreSlim _reading = new(1, 1);

    // Newer than the copy: subscriptions read alone since, and sources whose copy this replica changed since (each with
    // when; an entry older than the copy is outdated by it and dropped when the copy is read).
    private readonly ConcurrentDictionary<Guid, (WebSubSubscription Subscription, DateTimeOffset At)> _readAlone = new();
    private readonly ConcurrentDictionary<Guid, DateTimeOffset> _changed = new();
    private volatile Copy? _copy;

    /// <summary>The source's subscription (null when it has none), from the copy in memory unless <paramref name="fresh"/>.</summary>
    public async Task<WebSubSubscription?> FindAsync(Guid sourceId, bool fresh, CancellationToken cancellationToken)
    {
        if (!fresh)
        {
            var copy = await CurrentAsync(cancellationToken);
            if (_readAlone.TryGetValue(sourceId, out var alone) && alone.At >= copy.ReadAt)
            {
                return alone.Subscription;
            }

            if (copy.Subscriptions.TryGetValue(sourceId, out var kept) && !(_changed.TryGetValue(sourceId, out var changedAt) && changedAt >= copy.ReadAt))
            {
                return kept;
            }
        }

        var readAt = clock.GetUtcNow();
        var subscription = await readOne(sourceId, cancellationToken);
        if (subscription is { AcceptsContent: true })
        {
            _readAlone[sourceId] = (subscription, readAt);
        }
        else
        {
            // An id with no subscription that takes content costs a read per push, as before, and no memory.
            Forget(sourceId);
        }

        return subscription;
    }

    /// <summary>The source's subscription changed on this replica (a verification of intent): its next push reads it alone.</summary>
    public void Forget(Guid sourceId)
    {
        _readAlone.TryRemove(sourceId, out _);
        if (_copy is { } copy && copy.Subscriptions.ContainsKey(sourceId))
        {
            _changed[sourceId] = clock.GetUtcNow();
        }
    }

    private async Task<Copy> CurrentAsync(CancellationToken cancellationToken)
    {
        if (_copy is { } copy && clock.GetUtcNow() - copy.ReadAt < MaxAge)
        {
            return copy;
        }

        await _reading.WaitAsync(cancellationToken);
        try
        {
            if (_copy is { } fresh && clock.GetUtcNow() - fresh.ReadAt < MaxAge)
            {
                return fresh;
            }

            var readAt = clock.GetUtcNow();
            var all = await readAll(cancellationToken);
            var next = new Copy(all.Where(s => s.AcceptsContent).ToDictionary(s => s.Id), readAt);
            _copy = next;
            foreach (var (id, alone) in _readAlone.Where(p => p.Value.At < readAt).ToList())
            {
                _readAlone.TryRemove(new KeyValuePair<Guid, (WebSubSubscription, DateTimeOffset)>(id, alone));
            }

            foreach (var (id, at) in _changed.Where(p => p.Value < readAt).ToList())
            {
                _changed.TryRemove(new KeyValuePair<Guid, DateTimeOffset>(id, at));
            }

            return next;
        }
        finally
        {
            _reading.Release();
        }
    }

    public void Dispose() => _reading.Dispose();

    private sealed record Copy(Dictionary<Guid, WebSubSubscription> Subscriptions, DateTimeOffset ReadAt);
}
