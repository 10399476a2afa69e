using System.Collections.Concurrent;
using System.Text;
using MediaMonitor.Crawler.Http;

namespace MediaMonitor.Crawler.Politeness;

/// <summary>
/// robots.txt per origin, fetched once and cached (24 h when read or absent, 10 min when unreachable). Absent (4xx) allows
/// everything; unreachable (5xx, network failure) disallows everything until the next attempt, as RFC 9309 requires.
/// </summary>
public sealed class RobotsCache(PageFetcher fetcher, HostSchedule schedule, CrawlerOptions options, TimeProvider time)
{
    private static readonly TimeSpan ReadLifetime = TimeSpan.FromHours(24);
    private static readonly TimeSpan UnreachableLifetime = TimeSpan.FromMinutes(10);
    private readonly ConcurrentDictionary<string, (RobotsPolicy Policy, DateTimeOffset Expires)> _cache = new(StringComparer.OrdinalIgnoreCase);

    public async Task<RobotsPolicy> ForAsync(Uri uri, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(uri);
        var origin = HostSchedule.OriginOf(uri);
        if (_cache.TryGetValue(origin, out var cached) && cached.Expires > time.GetUtcNow())
        {
            return cached.Policy;
        }

        var robotsUri = new Uri(uri, "/robots.txt");
        RobotsPolicy policy;
        TimeSpan lifetime;
        using (await schedule.EnterAsync(uri, TimeSpan.FromMilliseconds(options.MinHostDelayMilliseconds), cancellationToken))
        {
            try
            {
                var result = await fetcher.FetchAsync(robotsUri, "text/plain", null, null, cancellationToken);
                var text = Encoding.UTF8.GetString(result.Body, 0, Math.Min(result.Body.Length, RobotsPolicy.MaxBytes));
                (policy, lifetime) = (RobotsPolicy.Parse(text), ReadLifetime);
            }
            catch (FetchFailedException ex) when (ex.StatusCode is >= 400 and < 500 and not 429)
            {
                (policy, lifetime) = (RobotsPolicy.AllowAll, ReadLifetime);
            }
            catch (FetchFailedException ex) when (ex.StatusCode is null && !ex.IsTransient)
            {
                // Refused by our own guards (SSRF, size): the page request would fail the same way, and that reason is the useful one.
                throw;
            }
            catch (FetchFailedException ex)
            {
                (policy, lifetime) = (RobotsPolicy.Unreachable(ex.Message), UnreachableLifetime);
            }
        }

        _cache[origin] = (policy, time.GetUtcNow() + lifetime);
        return policy;
    }
}
