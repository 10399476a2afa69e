using Marten;
using MediaMonitor.Contracts.Crawler;
using MediaMonitor.Crawler.Extraction;
using MediaMonitor.Crawler.Feeds;
using MediaMonitor.Crawler.Http;
using MediaMonitor.Crawler.Politeness;
using MediaMonitor.Crawler.WebSub;

namespace MediaMonitor.Crawler.Polling;

/// <summary>
/// Polls one source: fetches it conditionally, reads it as a feed, a sitemap (index), an HTML page advertising a feed
/// (autodiscovery) or a plain page of article links; takes each item in; records MalformedFeedRecovered, SourceFailed,
/// after too many failures in a row SourceDisabled, and SourcePolled for a poll that found or changed something or is
/// the source's heartbeat (PollRecord).
/// </summary>
public sealed class SourcePoller(
    IDocumentStore store, PoliteFetcher fetcher, ArticleIntake intake, WebSubSubscriber webSub, CrawlerOptions options, ILogger<SourcePoller> logger, CrawlerMetrics metrics)
{
    private const string AcceptFeeds = "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, text/html;q=0.5, */*;q=0.3";
    private const int MaxChildSitemaps = 20;

    public async Task<WatchedSource> PollAsync(WatchedSource source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        var now = DateTimeOffset.UtcNow;
        var target = source.FeedUrl ?? source.Url;
        FetchResult response;
        SourceItems read;
        try
        {
            response = await fetcher.FetchAsync(target, AcceptFeeds, source.ETag, source.LastModified, cancellationToken);
            if (response.NotModified)
            {
                // A 304 that omits a validator leaves the one the source had (RFC 9110 15.4.5: it describes the same representation).
                var unchanged = Succeeded(source, now, 0, response.ETag ?? source.ETag, response.LastModified ?? source.LastModified, source.FeedUrl);
                unchanged = await RecordAsync(source, unchanged, 0, true, now, [], cancellationToken);
                metrics.SourcePolled("not_modified");
                return await webSub.AfterPollAsync(unchanged, null, cancellationToken);
            }

            read = await ReadItemsAsync(source, response, cancellationToken);
        }
        catch (Exception ex) when (ex is FetchFailedException or FeedRejectedException)
        {
            return await FailedAsync(source, ex.Message, (ex as FetchFailedException)?.RetryAfter, cancellationToken);
        }

        var events = new List<object>();
        if (read.Malformed is { } reason)
        {
            logger.LogWarning("Feed {Url} is malformed: {Reason}", target, reason);
            events.Add(new MalformedFeedRecovered(source.SourceId, StorableText.WithoutNul(reason)!, read.Items.Count, now));
        }

        var newItems = 0;
        var seenAt = DateTimeOffset.UtcNow;
        foreach (var item in read.Items.Take(options.MaxItemsPerPoll))
        {
            if (await intake.TakeAsync(source.SourceId, item, seenAt, cancellationToken))
            {
                newItems++;
            }
        }

        // Validators belong to the document polled next time: a discovered feed's own response, not the HTML page's.
        var (etag, lastModified) = read.FeedUrl == source.FeedUrl ? (response.ETag, response.LastModified) : (read.ETag, read.LastModified);
        var polled = await RecordAsync(source, Succeeded(source, now, newItems, etag, lastModified, read.FeedUrl), newItems, false, now, events, cancellationToken);
        metrics.SourcePolled("ok");
        return await webSub.AfterPollAsync(polled, read.Push, cancellationToken);
    }

    /// <summary>
    /// Appends the poll's events, and its SourcePolled when PollRecord says the poll is worth one; the scheduler runs on
    /// the returned state either way, so an unrecorded poll still moves the source's next poll on.
    /// </summary>
    private async Task<WatchedSource> RecordAsync(
        WatchedSource before, WatchedSource after, int newItems, bool notModified, DateTimeOffset polledAt, List<object> events, CancellationToken cancellationToken)
    {
        if (events.Count == 0 && !PollRecord.IsWorthRecording(before, after, newItems, polledAt, TimeSpan.FromSeconds(options.PollHeartbeatSeconds)))
        {
            return after;
        }

        events.Add(new SourcePolled(before.SourceId, newItems, after.ETag, after.LastModified, notModified, polledAt));
        await AppendAsync(before.SourceId, cancellationToken, [.. events]);
        return after with { LastRecordedPollAt = polledAt };
    }

    private WatchedSource Succeeded(WatchedSource source, DateTimeOffset started, int newItems, string? etag, string? lastModified, Uri? feedUrl)
    {
        var interval = AdaptiveInterval.Next(source.Interval, newItems,
            TimeSpan.FromSeconds(options.EffectiveMinPollIntervalSeconds), TimeSpan.FromSeconds(options.EffectiveMaxPollIntervalSeconds));
        return source with
        {
            ETag = etag, LastModified = lastModified, FeedUrl = feedUrl, Interval = interval,
            NextPollAt = PollPlan.NextAfterPoll(source.NextPollAt, started, interval, DateTimeOffset.UtcNow, source.SourceId), ConsecutiveFailures = 0,
        };
    }

    private async Task<WatchedSource> FailedAsync(WatchedSource source, string reason, TimeSpan? retryAfter, CancellationToken cancellationToken)
    {
        reason = StorableText.WithoutNul(reason)!;
        var failures = source.ConsecutiveFailures + 1;
        var now = DateTimeOffset.UtcNow;
        if (options.DisableAfterFailures > 0 && failures >= options.DisableAfterFailures)
        {
            await AppendAsync(source.SourceId, cancellationToken,
                new SourceFailed(source.SourceId, reason, now),
                new SourceDisabled(source.SourceId, $"failed {failures} times in a row; last: {reason}", failures, now));
            metrics.SourcePolled("disabled");
            return source with { ConsecutiveFailures = failures, Disabled = true };
        }

        await AppendAsync(source.SourceId, cancellationToken, new SourceFailed(source.SourceId, reason, now));
        metrics.SourcePolled("failed");
        var wait = Backoff.After(failures, TimeSpan.FromSeconds(options.PollIntervalSeconds), TimeSpan.FromSeconds(options.EffectiveMaxPollIntervalSeconds), Random.Shared.NextDouble());
        if (retryAfter is { } asked && asked > wait)
        {
            wait = asked;
        }

        return source with { ConsecutiveFailures = failures, NextPollAt = now + wait };
    }

    private async Task<SourceItems> ReadItemsAsync(WatchedSource source, FetchResult response, CancellationToken cancellationToken)
    {
        if (SitemapReader.LooksLikeSitemap(response.Body))
        {
            return await ReadSitemapAsync(response, cancellationToken);
        }

        if (!LooksLikeHtml(response))
        {
            var feed = FeedParser.Parse(response.Body, response.FinalUri, response.ContentType);
            return new SourceItems(feed.Items, source.FeedUrl, feed.IsMalformed ? string.Join("; ", feed.Problems) : null, null, null, PushOf(response, feed));
        }

        var html = HtmlText.Decode(response.Body, response.ContentType);
        var discovered = FeedDiscovery.Find(html, response.FinalUri);
        if (discovered.Count > 0)
        {
            var feedUrl = new Uri(discovered[0].Url);
            var feedResponse = await fetcher.FetchAsync(feedUrl, AcceptFeeds, null, null, cancellationToken);
            var feed = FeedParser.Parse(feedResponse.Body, feedResponse.FinalUri, feedResponse.ContentType);
            return new SourceItems(feed.Items, feedUrl, feed.IsMalformed ? string.Join("; ", feed.Problems) : null, feedResponse.ETag, feedResponse.LastModified,
                PushOf(feedResponse, feed));
        }

        return new SourceItems(PageLinks.Find(html, response.FinalUri, options.MaxItemsPerPoll), null, null, null, null);
    }

    private async Task<SourceItems> ReadSitemapAsync(FetchResult response, CancellationToken cancellationToken)
    {
        var sitemap = SitemapReader.Read(response.Body, response.FinalUri, options.MaxBodyBytes);
        var items = sitemap.Items.ToList();
        foreach (var child in sitemap.ChildSitemaps.Take(MaxChildSitemaps))
        {
            var childResponse = await fetcher.FetchAsync(new Uri(child), "application/xml, */*;q=0.5", null, null, cancellationToken);
            items.AddRange(SitemapReader.Read(childResponse.Body, childResponse.FinalUri, options.MaxBodyBytes).Items);
        }

        var newestFirst = items.OrderByDescending(i => i.PublishedAt ?? DateTimeOffset.MinValue).ToList();
        return new SourceItems(newestFirst, null, null, null, null);
    }

    /// <summary>The WebSub hub and topic a feed response advertises: Link headers first, then the document (WebSub discovery).</summary>
    private static (string Hub, string Topic)? PushOf(FetchResult response, ParsedFeed feed) =>
        WebSubLinks.Choose(WebSubLinks.FromLinkHeaders(response.Links, response.FinalUri), feed.Push, response.FinalUri);

    private static bool LooksLikeHtml(FetchResult response)
    {
        var head = FeedText.SniffHead(response.Body);
        if (head.StartsWith("<?xml", StringComparison.Ordinal) || head.StartsWith("<rss", StringComparison.OrdinalIgnoreCase)
            || head.StartsWith("<feed", StringComparison.OrdinalIgnoreCase) || head.StartsWith("<rdf", StringComparison.OrdinalIgnoreCase)
            || head.StartsWith('{'))
        {
            return false;
        }

        return (response.ContentType is { } type && type.Contains("html", StringComparison.OrdinalIgnoreCase))
            || head.StartsWith("<!doctype html", StringComparison.OrdinalIgnoreCase) || head.StartsWith("<html", StringComparison.OrdinalIgnoreCase);
    }

    private async Task AppendAsync(Guid sourceId, CancellationToken cancellationToken, params object[] events)
    {
        await using var session = store.LightweightSession();
        session.Events.Append(sourceId, events);
        await session.SaveChangesAsync(cancellationToken);
    }

    private sealed record SourceItems(IReadOnlyList<FeedItem> Items, Uri? FeedUrl, string? Malformed, string? ETag, string? LastModified, (string Hub, string Topic)? Push = null);
}
