using System.Collections.Concurrent;

namespace MediaMonitor.Crawler.Polling;

/// <summary>
/// The poll loop: picks up newly added sources, polls each due source (several at once, bounded by
/// Crawler:MaxConcurrentSources; per-host politeness is the fetcher's job), notices sources disabled or resumed in their
/// streams, and never lets a failure end the loop.
/// </summary>
public sealed class CrawlerWorker(SourceDirectory directory, SourcePoller poller, CrawlerOptions options, ILogger<CrawlerWorker> logger) : BackgroundService
{
    private readonly ConcurrentDictionary<Guid, WatchedSource> _sources = new();
    private readonly ConcurrentDictionary<Guid, Task> _inFlight = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var tick = TimeSpan.FromMilliseconds(Math.Clamp(options.PollIntervalSeconds * 1000 / 2, 200, 5000));
        var lastRefresh = DateTimeOffset.MinValue;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (DateTimeOffset.UtcNow - lastRefresh >= tick)
                {
                    await RefreshSourcesAsync(stoppingToken);
                    lastRefresh = DateTimeOffset.UtcNow;
                }

                var due = _sources.Values
                    .Where(s => !s.Disabled && s.NextPollAt <= DateTimeOffset.UtcNow && !_inFlight.ContainsKey(s.SourceId))
                    .OrderBy(s => s.NextPollAt)
                    .Take(Math.Max(0, options.MaxConcurrentSources - _inFlight.Count));
                foreach (var source in due)
                {
                    _inFlight[source.SourceId] = PollAsync(source, stoppingToken);
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
    }

    private async Task RefreshSourcesAsync(CancellationToken cancellationToken)
    {
        foreach (var added in await directory.AddedAsync(cancellationToken))
        {
            if (_sources.TryGetValue(added.SourceId, out var known))
            {
                if (known.Disabled && !_inFlight.ContainsKey(added.SourceId)
                    && await directory.VersionAsync(added.SourceId, cancellationToken) != known.StreamVersion
                    && await directory.LoadAsync(added, cancellationToken) is { } reloaded)
                {
                    _sources[added.SourceId] = reloaded with { NextPollAt = DateTimeOffset.MinValue };
                }

                continue;
            }

            if (await directory.LoadAsync(added, cancellationToken) is { } source)
            {
                _sources[added.SourceId] = source;
            }
        }
    }

    private async Task PollAsync(WatchedSource source, CancellationToken cancellationToken)
    {
        await Task.Yield();
        try
        {
            var polled = await poller.PollAsync(source, cancellationToken);
            if (polled.Disabled)
            {
                polled = polled with { StreamVersion = await directory.VersionAsync(source.SourceId, cancellationToken) };
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
            _inFlight.TryRemove(source.SourceId, out _);
        }
    }
}
