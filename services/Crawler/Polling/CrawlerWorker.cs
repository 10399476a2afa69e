using System.Collections.Concurrent;
using MediaMonitor.Contracts.Api;
using MediaMonitor.Contracts.Crawler;
using MediaMonitor.Crawler.Replicas;

namespace MediaMonitor.Crawler.Polling;

/// <summary>
/// The poll loop: picks up newly added sources, takes this replica's share of their sites (SourceLeases on LeaseKey), polls each due source it
/// holds (PollPlan: every due host at once, one poll per host, bounded by Crawler:MaxActiveHosts; per-host politeness and the
/// global in-flight request limit are the fetcher's job), notices
/// sources disabled or resumed in their streams, and never lets a failure end the loop. A source it takes over starts
/// from the state its stream tells (SourceDirectory), so no source is polled twice in a row by two replicas.
/// </summary>
public sealed class CrawlerWorker(
    SourceDirectory directory, SourcePoller poller, SourceLeases leases, WebSub.WebSubSubscriber webSub, CrawlerOptions options, ILogger<CrawlerWorker> logger) : BackgroundService
{
    private readonly ConcurrentDictionary<Guid, SourceAdded> _added = new();
    private readonly ConcurrentDictionary<Guid, Guid> _leaseKeys = new();
    private readonly ConcurrentDictionary<Guid, WatchedSource> _sources = new();
    private readonly ConcurrentDictionary<Guid, Task> _inFlight = new();
    private readonly ConcurrentDictionary<Guid, string> _inFlightHosts = new();
    private HashSet<Guid> _held = [];
    private DateTimeOffset _heldUntil = DateTimeOffset.MinValue;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var tick = TimeSpan.FromMilliseconds(Math.Min(Math.Clamp(options.PollIntervalSeconds * 1000 / 2, 200, 5000), Math.Max(2, options.LeaseSeconds) * 250));
        var lastRefresh = DateTimeOffset.MinValue;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (DateTimeOffset.UtcNow - lastRefresh >= tick)
                {
                    lastRefresh = DateTimeOffset.UtcNow;
                    await RefreshSourcesAsync(stoppingToken);
                }

                var now = DateTimeOffset.UtcNow;
                var held = now < _heldUntil ? _held : [];
                var due = PollPlan.Due(
                    _sources.Values, held, _inFlight.Keys.ToHashSet(), _inFlightHosts.Values.ToHashSet(StringComparer.OrdinalIgnoreCase), now,
                    options.MaxActiveHosts - _inFlight.Count);
                foreach (var source in due)
                {
                    // Registered before the poll starts: a poll that ended (and removed itself) before this thread stored
                    // its task would leave the source "in flight" for good, and it would never be polled again. Polls
                    // that change nothing append nothing and end within a millisecond, so on a loaded machine that race
                    // was won by the poll (bench.sh pipeline saw the Crawler stop polling source after source).
                    var poll = new Task<Task>(() => PollAsync(source, stoppingToken));
                    _inFlightHosts[source.SourceId] = PollPlan.HostOf(source);
                    _inFlight[source.SourceId] = poll.Unwrap();
                    poll.Start(TaskScheduler.Default);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Crawler poll round failed; retrying");
            }

            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100), stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        await Task.WhenAll(_inFlight.Values);
        using var release = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await leases.ReleaseAllAsync(release.Token);
    }

    private async Task RefreshSourcesAsync(CancellationToken cancellationToken)
    {
        foreach (var added in await directory.AddedAsync(cancellationToken))
        {
            if (_added.TryAdd(added.SourceId, added))
            {
                _leaseKeys[added.SourceId] = LeaseKey.For(added.Url);
            }
        }

        // Leases are per origin: all sources of one site stay with one replica, and so does its politeness.
        var busy = _inFlight.Keys.Select(id => _leaseKeys[id]).ToHashSet();
        var (heldKeys, until) = await leases.BalanceAsync(_leaseKeys.Values.Distinct().ToList(), busy, cancellationToken);
        var held = _leaseKeys.Where(kv => heldKeys.Contains(kv.Value)).Select(kv => kv.Key).ToHashSet();
        (_held, _heldUntil) = (held, until);
        foreach (var id in _sources.Keys.Where(id => !held.Contains(id) && !_inFlight.ContainsKey(id)).ToList())
        {
            _sources.TryRemove(id, out _);
        }

        foreach (var id in held.Where(id => !_inFlight.ContainsKey(id) && _added.ContainsKey(id)))
        {
            // A source taken (over) is loaded from its stream; a disabled one is reloaded when its stream moved on (SourceResumed).
            if (!_sources.TryGetValue(id, out var known)
                || (known.Disabled && await directory.VersionAsync(id, cancellationToken) != known.StreamVersion))
            {
                if (await directory.LoadAsync(_added[id], cancellationToken) is { } loaded)
                {
                    _sources[id] = loaded;
                }
            }
        }
    }

    private async Task PollAsync(WatchedSource source, CancellationToken cancellationToken)
    {
        try
        {
            var polled = await poller.PollAsync(source, cancellationToken);
            if (polled.Disabled)
            {
                polled = polled with { StreamVersion = await directory.VersionAsync(source.SourceId, cancellationToken) };
                await webSub.UnsubscribeAsync(source.SourceId, cancellationToken);
            }

            _sources[source.SourceId] = polled;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogError(ex, "Polling source {SourceId} ({Url}) failed", source.SourceId, source.Url);
            _sources[source.SourceId] = source with { NextPollAt = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(options.PollIntervalSeconds) };
        }
        catch (OperationCanceledException)
        {
            // Shutting down.
        }
        finally
        {
            _inFlightHosts.TryRemove(source.SourceId, out _);
            _inFlight.TryRemove(source.SourceId, out _);
        }
    }
}
