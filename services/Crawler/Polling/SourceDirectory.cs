using Marten;
using MediaMonitor.Contracts;

namespace MediaMonitor.Crawler.Polling;

/// <summary>The sources tenants added (SourceAdded events) and each one's state as its stream tells it.</summary>
public sealed class SourceDirectory(IDocumentStore store, CrawlerOptions options)
{
    public async Task<IReadOnlyList<SourceAdded>> AddedAsync(CancellationToken cancellationToken)
    {
        await using var session = store.QuerySession();
        var added = await session.Events.QueryRawEventDataOnly<SourceAdded>().ToListAsync(cancellationToken);
        return added.DistinctBy(s => s.SourceId).ToList();
    }

    /// <summary>The stream version of a source, to notice events others appended (SourceResumed, SourceDisabled).</summary>
    public async Task<long> VersionAsync(Guid sourceId, CancellationToken cancellationToken)
    {
        await using var session = store.QuerySession();
        return (await session.Events.FetchStreamStateAsync(sourceId, cancellationToken))?.Version ?? 0;
    }

    /// <summary>The source as its stream left it: validators of the last poll, disabled or not, so a restart carries on.</summary>
    public async Task<WatchedSource?> LoadAsync(SourceAdded added, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(added);
        if (!Uri.TryCreate(added.Url, UriKind.Absolute, out var url))
        {
            return null;
        }

        await using var session = store.QuerySession();
        var events = await session.Events.FetchStreamAsync(added.SourceId, token: cancellationToken);
        return Fold(added, url, events.Select(e => e.Data), events.Count == 0 ? 0 : events[^1].Version, options);
    }

    /// <summary>Pure: the watched state of a source from its events.</summary>
    public static WatchedSource Fold(SourceAdded added, Uri url, IEnumerable<object> events, long version, CrawlerOptions options)
    {
        ArgumentNullException.ThrowIfNull(added);
        ArgumentNullException.ThrowIfNull(options);
        var state = new WatchedSource(added.SourceId, added.TenantId, url, null, null, null,
            TimeSpan.FromSeconds(options.PollIntervalSeconds), DateTimeOffset.MinValue, 0, false, version);
        foreach (var e in events)
        {
            state = e switch
            {
                SourcePolled { NotModified: false } p => state with { ETag = p.ETag, LastModified = p.LastModified, ConsecutiveFailures = 0 },
                SourcePolled => state with { ConsecutiveFailures = 0 },
                SourceFailed => state with { ConsecutiveFailures = state.ConsecutiveFailures + 1 },
                SourceDisabled => state with { Disabled = true },
                SourceResumed => state with { Disabled = false, ConsecutiveFailures = 0 },
                _ => state,
            };
        }

        return state;
    }
}
