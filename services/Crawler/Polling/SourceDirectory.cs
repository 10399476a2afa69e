using Marten;
using MediaMonitor.Contracts;

namespace MediaMonitor.Crawler.Polling;

/// <summary>The sources tenants added (SourceAdded events), with the validators of each one's last successful poll.</summary>
public sealed class SourceDirectory(IDocumentStore store)
{
    public async Task<IReadOnlyList<SourceAdded>> AddedAsync(CancellationToken cancellationToken)
    {
        await using var session = store.QuerySession();
        var added = await session.Events.QueryRawEventDataOnly<SourceAdded>().ToListAsync(cancellationToken);
        return added.DistinctBy(s => s.SourceId).ToList();
    }

    /// <summary>The source as the crawler left it: validators of the last SourcePolled, so a restart still polls conditionally.</summary>
    public async Task<WatchedSource?> LoadAsync(SourceAdded added, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(added);
        if (!Uri.TryCreate(added.Url, UriKind.Absolute, out var url))
        {
            return null;
        }

        await using var session = store.QuerySession();
        var events = await session.Events.FetchStreamAsync(added.SourceId, token: cancellationToken);
        var lastPoll = events.Select(e => e.Data).OfType<SourcePolled>().LastOrDefault(p => p.ETag is not null || p.LastModified is not null);
        return new WatchedSource(added.SourceId, added.TenantId, url, lastPoll?.ETag, lastPoll?.LastModified, DateTimeOffset.MinValue, 0);
    }
}
