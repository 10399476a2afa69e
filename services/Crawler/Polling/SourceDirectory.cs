using Marten;
using MediaMonitor.Contracts.Api;
using MediaMonitor.Contracts.Crawler;
using MediaMonitor.Crawler.Politeness;

namespace MediaMonitor.Crawler.Polling;

/// <summary>The sources tenants added (SourceAdded events) and each one's state as its stream tells it.</summary>
public sealed class SourceDirectory(IDocumentStore store, CrawlerOptions options, TimeProvider clock) : IDisposable
{
    // A full read now and then catches a SourceAdded whose transaction committed after a later sequence was read.
    private static readonly TimeSpan FullReadEvery = TimeSpan.FromMinutes(5);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<Guid, SourceAdded> _known = [];
    private long _lastSequence;
    private DateTimeOffset _lastFullRead = DateTimeOffset.MinValue;

    /// <summary>
    /// Every source added, each once. Reads only the SourceAdded events stored since the last call (a range of the
    /// event sequence's primary key), not every SourceAdded on every tick; a full read every few minutes closes gaps.
    /// </summary>
    public async Task<IReadOnlyList<SourceAdded>> AddedAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var now = clock.GetUtcNow();
            var since = now - _lastFullRead >= FullReadEvery ? 0 : _lastSequence;
            await using var session = store.QuerySession();
            var added = await session.Events.QueryAllRawEvents()
                .Where(e => e.Sequence > since && e.EventTypeName == SourceAddedType)
                .OrderBy(e => e.Sequence)
                .ToListAsync(cancellationToken);
            foreach (var e in added)
            {
                var source = (SourceAdded)e.Data;
                _known.TryAdd(source.SourceId, source);
                _lastSequence = Math.Max(_lastSequence, e.Sequence);
            }

            if (since == 0)
            {
                _lastFullRead = now;
            }

            return [.. _known.Values];
        }
        finally
        {
            _gate.Release();
        }
    }

    // Marten's stored type name of SourceAdded (mt_events.type).
    private static readonly string SourceAddedType = ServiceDefaults.EventSchema.StoredEventNames.Of<SourceAdded>();

    public void Dispose() => _gate.Dispose();

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
        return SpreadIfOverdue(Fold(added, url, events.Select(e => e.Data), events.Count == 0 ? 0 : events[^1].Version, options), clock.GetUtcNow());
    }

    /// <summary>
    /// Pure: a source whose next poll, as its stream tells it, is already past gets one at a point of the coming interval
    /// fixed by its id, so a restart spreads the overdue polls over one interval instead of sending them all at once.
    /// A poll that changed nothing is recorded only as a heartbeat (PollRecord), so after a restart most sources of a
    /// busy Crawler are overdue by their stream. A source never polled (or just resumed) stays due at once.
    /// </summary>
    public static WatchedSource SpreadIfOverdue(WatchedSource state, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.NextPollAt == DateTimeOffset.MinValue || state.NextPollAt >= now)
        {
            return state;
        }

        return state with { NextPollAt = now + (state.Interval * PollPlan.PhaseOf(state.SourceId)) };
    }

    /// <summary>
    /// Pure: the watched state of a source from its events, adaptive polling included: the interval is replayed from the
    /// new-item counts of its recorded polls (as SourcePoller moves it; every poll that moves it is recorded) and the next
    /// poll is due one interval after the last recorded poll, or one backoff after the last failure, so a restart or
    /// another replica carries on where the last poll left off (LoadAsync spreads the ones already overdue).
    /// </summary>
    public static WatchedSource Fold(SourceAdded added, Uri url, IEnumerable<object> events, long version, CrawlerOptions options)
    {
        ArgumentNullException.ThrowIfNull(added);
        ArgumentNullException.ThrowIfNull(options);
        var (min, max) = (TimeSpan.FromSeconds(options.EffectiveMinPollIntervalSeconds), TimeSpan.FromSeconds(options.EffectiveMaxPollIntervalSeconds));
        var state = new WatchedSource(added.SourceId, added.TenantId, url, null, null, null,
            TimeSpan.FromSeconds(options.PollIntervalSeconds), DateTimeOffset.MinValue, 0, false, version);
        foreach (var e in events)
        {
            state = e switch
            {
                SourcePolled p => Polled(state, p, min, max),
                SourceFailed f => state with
                {
                    ConsecutiveFailures = state.ConsecutiveFailures + 1,
                    NextPollAt = f.FailedAt + Backoff.After(state.ConsecutiveFailures + 1, TimeSpan.FromSeconds(options.PollIntervalSeconds), max, 0.5),
                },
                SourceDisabled => state with { Disabled = true },
                SourceResumed => state with { Disabled = false, ConsecutiveFailures = 0, NextPollAt = DateTimeOffset.MinValue, LastRecordedPollAt = DateTimeOffset.MinValue },
                _ => state,
            };
        }

        return state;
    }

    private static WatchedSource Polled(WatchedSource state, SourcePolled polled, TimeSpan min, TimeSpan max)
    {
        var interval = AdaptiveInterval.Next(state.Interval, polled.NewItems, min, max);
        var next = state with { Interval = interval, NextPollAt = polled.PolledAt + interval, ConsecutiveFailures = 0, LastRecordedPollAt = polled.PolledAt };

        // A 304 keeps the validators it does not name (and SourcePoller records one that changes them).
        return polled.NotModified
            ? next with { ETag = polled.ETag ?? state.ETag, LastModified = polled.LastModified ?? state.LastModified }
            : next with { ETag = polled.ETag, LastModified = polled.LastModified };
    }
}
