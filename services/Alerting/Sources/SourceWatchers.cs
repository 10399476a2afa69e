using Marten;
using MediaMonitor.Alerting.Subscriptions;
using MediaMonitor.Contracts.Api;
using Microsoft.Extensions.Options;

namespace MediaMonitor.Alerting.Sources;

/// <summary>
/// This replica's <see cref="SourceAudience"/>: every SourceAdded in the store, kept current by SourceAdded messages
/// (<see cref="SourceWatchersConsumer"/>), reloaded when an article comes from a source it does not know yet (its
/// message may still be on the way) and at most Alerting:CatalogRefreshSeconds after the last load (a missed message).
/// </summary>
public sealed class SourceWatchers(IOptions<AlertingOptions> options, ILogger<SourceWatchers> logger)
{
    private readonly Lock _gate = new();
    private volatile SourceAudience _audience = SourceAudience.Empty;
    private DateTimeOffset _loadedAt = DateTimeOffset.MinValue;

    public SourceAudience Audience => _audience;

    public void Apply(SourceAdded added)
    {
        lock (_gate)
        {
            _audience = _audience.With([added]);
        }
    }

    /// <summary>The subscriptions whose tenant watches the source that fetched the article.</summary>
    public async Task<IReadOnlyList<Subscription>> KeepWatchedAsync(
        IQuerySession session, Guid sourceId, IReadOnlyList<Subscription> matched, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var audience = _audience;
        if (!audience.Knows(sourceId) || now - _loadedAt > TimeSpan.FromSeconds(Math.Max(1, options.Value.CatalogRefreshSeconds)))
        {
            audience = await LoadAsync(session, now, cancellationToken);
        }

        return matched.Where(s => audience.Reaches(sourceId, s.TenantId)).ToList();
    }

    /// <summary>Reads every SourceAdded from the store.</summary>
    public async Task<SourceAudience> LoadAsync(IQuerySession session, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var added = await session.Events.QueryRawEventDataOnly<SourceAdded>().ToListAsync(cancellationToken);
        lock (_gate)
        {
            // Merged, so a message applied (or another load finished) while the query ran is not lost.
            _audience = _audience.With(added);
            _loadedAt = now;
        }

        logger.LogDebug("Loaded {Count} sources", added.Count);
        return _audience;
    }
}
