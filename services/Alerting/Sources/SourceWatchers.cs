using Marten;
using MediaMonitor.Alerting.Subscriptions;
using MediaMonitor.ServiceDefaults.Replicas;
using MediaMonitor.ServiceDefaults.Sources;

namespace MediaMonitor.Alerting.Sources;

/// <summary>
/// This replica's <see cref="SourceAudience"/>: every source in the <see cref="SourceRecord"/> read model, kept current by
/// SourceAdded messages (<see cref="SourceWatchersConsumer"/>), read again every Alerting:CatalogRefreshSeconds (a missed
/// message) and whenever an article comes from a source it does not know yet (its message may still be on the way).
/// </summary>
public sealed class SourceWatchers(TimeProvider clock) : ReplicaView(clock)
{
    private readonly Lock _gate = new();
    private volatile SourceAudience _audience = SourceAudience.Empty;

    public SourceAudience Audience => _audience;

    public void Apply(SourceRecord source)
    {
        lock (_gate)
        {
            _audience = _audience.With([source]);
        }
    }

    /// <summary>The subscriptions whose tenant watches the source that fetched the article.</summary>
    public async Task<IReadOnlyList<Subscription>> KeepWatchedAsync(
        IQuerySession session, Guid sourceId, IReadOnlyList<Subscription> matched, CancellationToken cancellationToken)
    {
        await EnsureLoadedAsync(session, cancellationToken);
        var audience = _audience;
        if (!audience.Knows(sourceId))
        {
            await LoadAsync(session, cancellationToken);
            audience = _audience;
        }

        return matched.Where(s => audience.Reaches(sourceId, s.TenantId)).ToList();
    }

    protected override async Task<int> ReadAsync(IQuerySession session, CancellationToken cancellationToken)
    {
        var sources = await session.Query<SourceRecord>().ToListAsync(cancellationToken);
        lock (_gate)
        {
            // Merged, so a message applied while the query ran is not lost.
            _audience = _audience.With(sources);
        }

        return sources.Count;
    }
}
