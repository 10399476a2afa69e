using MediaMonitor.Crawler.Http;

namespace MediaMonitor.Crawler.Politeness;

/// <summary>
/// Every crawler request goes through here: robots.txt first, then the host's turn in the queue, then a place under the
/// global in-flight limit (Crawler:MaxInFlightRequests; taken only once the host's turn has come, so a host's politeness
/// wait never holds a place), then the fetch; Retry-After defers the host, and a failure is counted against it.
/// </summary>
public sealed class PoliteFetcher(PageFetcher fetcher, RobotsCache robots, HostSchedule schedule, CrawlerOptions options, CrawlerMetrics metrics) : IDisposable
{
    private readonly SemaphoreSlim _inFlight = new(Math.Max(1, options.MaxInFlightRequests));
    private readonly string _productToken = options.UserAgent.Split('/', ' ')[0];

    public async Task<FetchResult> FetchAsync(Uri url, string accept, string? etag, string? lastModified, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        var delay = TimeSpan.FromMilliseconds(options.MinHostDelayMilliseconds);
        if (options.RespectRobotsTxt)
        {
            var policy = await robots.ForAsync(url, cancellationToken);
            if (!policy.IsAllowed(_productToken, url.PathAndQuery))
            {
                throw new FetchFailedException(policy.UnreachableReason is { } reason
                    ? $"robots.txt could not be read ({reason}); the host is not crawled until it can be"
                    : $"disallowed by robots.txt for {_productToken}", transient: policy.UnreachableReason is not null);
            }

            if (policy.CrawlDelay(_productToken) is { } crawlDelay)
            {
                var capped = TimeSpan.FromSeconds(Math.Min(crawlDelay.TotalSeconds, options.MaxCrawlDelaySeconds));
                delay = capped > delay ? capped : delay;
            }
        }

        using var lease = await schedule.EnterAsync(url, delay, cancellationToken);
        await _inFlight.WaitAsync(cancellationToken);
        try
        {
            return await fetcher.FetchAsync(url, accept, etag, lastModified, cancellationToken);
        }
        catch (FetchFailedException ex)
        {
            metrics.HostFailed(url.Host, ex.StatusCode);
            if (ex.StatusCode is 429 or 503)
            {
                var wait = ex.RetryAfter ?? TimeSpan.FromSeconds(options.MinHostDelayMilliseconds / 1000.0 * 10);
                schedule.Defer(url, TimeSpan.FromSeconds(Math.Min(wait.TotalSeconds, options.MaxRetryAfterSeconds)));
            }

            throw;
        }
        finally
        {
            _inFlight.Release();
        }
    }

    public void Dispose() => _inFlight.Dispose();
}
