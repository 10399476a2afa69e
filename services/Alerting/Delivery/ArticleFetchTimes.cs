using System.Collections.Concurrent;

namespace MediaMonitor.Alerting.Delivery;

/// <summary>
/// When each recently matched article was first fetched, for the delivered alerts' latency metric (first fetch ->
/// delivered). About a dozen alerts share an article, and each delivered one read the article's stream for this; matching
/// records it from the stream it has read anyway, and a delivery of an article not held here (an alert another replica
/// raised) reads it once. Holds at most <see cref="Capacity"/> articles, forgetting the oldest first.
/// </summary>
public sealed class ArticleFetchTimes
{
    public const int Capacity = 4096;

    private readonly ConcurrentDictionary<Guid, DateTimeOffset> _fetchedAt = new();
    private readonly ConcurrentQueue<Guid> _order = new();

    public int Count => _fetchedAt.Count;

    public void Record(Guid articleId, DateTimeOffset fetchedAt)
    {
        if (!_fetchedAt.TryAdd(articleId, fetchedAt))
        {
            return;
        }

        _order.Enqueue(articleId);
        while (_order.Count > Capacity && _order.TryDequeue(out var oldest))
        {
            _fetchedAt.TryRemove(oldest, out _);
        }
    }

    public DateTimeOffset? Find(Guid articleId) => _fetchedAt.TryGetValue(articleId, out var at) ? at : null;
}
