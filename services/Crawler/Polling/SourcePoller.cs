using Marten;
using MediaMonitor.Contracts;
using MediaMonitor.Crawler.Feeds;
using MediaMonitor.Crawler.Http;

namespace MediaMonitor.Crawler.Polling;

/// <summary>Polls one source: fetches the feed conditionally, takes each item in, and records SourcePolled or SourceFailed.</summary>
public sealed class SourcePoller(IDocumentStore store, PageFetcher fetcher, ArticleIntake intake, CrawlerOptions options, ILogger<SourcePoller> logger)
{
    private const string AcceptFeeds = "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5";

    public async Task<WatchedSource> PollAsync(WatchedSource source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        var now = DateTimeOffset.UtcNow;
        var interval = TimeSpan.FromSeconds(options.PollIntervalSeconds);
        FetchResult response;
        ParsedFeed feed;
        try
        {
            response = await fetcher.FetchAsync(source.Url, AcceptFeeds, source.ETag, source.LastModified, cancellationToken);
            if (response.NotModified)
            {
                await AppendAsync(source.SourceId, new SourcePolled(source.SourceId, 0, response.ETag, response.LastModified, true, now), cancellationToken);
                return source with { NextPollAt = now + interval, ConsecutiveFailures = 0 };
            }

            feed = FeedParser.Parse(response.Body, response.FinalUri, response.ContentType);
        }
        catch (Exception ex) when (ex is FetchFailedException or FeedRejectedException)
        {
            await AppendAsync(source.SourceId, new SourceFailed(source.SourceId, ex.Message, now), cancellationToken);
            var wait = ex is FetchFailedException { RetryAfter: { } retryAfter } && retryAfter > interval ? retryAfter : interval;
            return source with { NextPollAt = now + wait, ConsecutiveFailures = source.ConsecutiveFailures + 1 };
        }

        if (feed.IsMalformed)
        {
            logger.LogWarning("Feed {Url} is malformed: {Problems}", source.Url, string.Join("; ", feed.Problems));
        }

        var newItems = 0;
        foreach (var item in feed.Items.Take(options.MaxItemsPerPoll))
        {
            if (await intake.TakeAsync(source.SourceId, item, cancellationToken))
            {
                newItems++;
            }
        }

        await AppendAsync(source.SourceId, new SourcePolled(source.SourceId, newItems, response.ETag, response.LastModified, false, DateTimeOffset.UtcNow), cancellationToken);
        return source with { ETag = response.ETag, LastModified = response.LastModified, NextPollAt = DateTimeOffset.UtcNow + interval, ConsecutiveFailures = 0 };
    }

    private async Task AppendAsync(Guid sourceId, object @event, CancellationToken cancellationToken)
    {
        await using var session = store.LightweightSession();
        session.Events.Append(sourceId, @event);
        await session.SaveChangesAsync(cancellationToken);
    }
}
