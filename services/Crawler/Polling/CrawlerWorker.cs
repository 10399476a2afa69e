namespace MediaMonitor.Crawler.Polling;

/// <summary>The poll loop: picks up newly added sources, polls each one when it is due, and never lets a failure end the loop.</summary>
public sealed class CrawlerWorker(SourceDirectory directory, SourcePoller poller, CrawlerOptions options, ILogger<CrawlerWorker> logger) : BackgroundService
{
    private readonly Dictionary<Guid, WatchedSource> _sources = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var tick = TimeSpan.FromSeconds(Math.Clamp(options.PollIntervalSeconds, 1, 5));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RefreshSourcesAsync(stoppingToken);
                foreach (var source in _sources.Values.Where(s => s.NextPollAt <= DateTimeOffset.UtcNow).ToList())
                {
                    _sources[source.SourceId] = await PollSafelyAsync(source, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Crawler poll round failed; retrying");
            }

            try
            {
                await Task.Delay(tick, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task RefreshSourcesAsync(CancellationToken cancellationToken)
    {
        foreach (var added in await directory.AddedAsync(cancellationToken))
        {
            if (!_sources.ContainsKey(added.SourceId) && await directory.LoadAsync(added, cancellationToken) is { } source)
            {
                _sources[added.SourceId] = source;
            }
        }
    }

    private async Task<WatchedSource> PollSafelyAsync(WatchedSource source, CancellationToken cancellationToken)
    {
        try
        {
            return await poller.PollAsync(source, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogError(ex, "Polling source {SourceId} ({Url}) failed", source.SourceId, source.Url);
            return source with { NextPollAt = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(options.PollIntervalSeconds), ConsecutiveFailures = source.ConsecutiveFailures + 1 };
        }
    }
}
