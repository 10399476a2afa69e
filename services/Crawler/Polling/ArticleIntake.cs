using System.Collections.Concurrent;
using System.Diagnostics;
using Marten;
using MediaMonitor.Contracts.Crawler;
using MediaMonitor.Contracts;
using MediaMonitor.Crawler.Extraction;
using MediaMonitor.Crawler.Feeds;
using MediaMonitor.Crawler.Http;
using MediaMonitor.Crawler.Politeness;
using MediaMonitor.Crawler.Urls;
using MediaMonitor.ServiceDefaults;

namespace MediaMonitor.Crawler.Polling;

/// <summary>
/// Takes one feed item into the store. The page is fetched first, so the article id follows the page's own canonical
/// URL; then ArticleDiscovered and ArticleFetched (or ArticleFetchFailed with the reason) start the article stream in
/// one commit. A URL whose stream exists is skipped, so re-polling (or a second replica) never doubles an article.
/// Transient failures (429, 503, timeouts) are retried on later polls before they are recorded.
/// </summary>
public sealed class ArticleIntake(
    IDocumentStore store, PoliteFetcher fetcher, ExtractionWorkers extraction, CrawlerOptions options, ServiceTelemetry telemetry, CrawlerMetrics metrics,
    ILogger<ArticleIntake> logger)
{
    public const string CrawlerVersion = "crawler-1.3";
    private const string AcceptHtml = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5";
    private const int SeenLimit = 200_000;
    private readonly ConcurrentDictionary<string, byte> _seen = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _transientAttempts = new(StringComparer.Ordinal);

    /// <summary>
    /// Returns true when the item became a new article in the store. <paramref name="seenAt"/> is when the feed listing it
    /// was read (the article's DiscoveredAt): a feed's later items wait for the earlier ones' page fetches (one host, its
    /// politeness delay between them), but were discovered by the same poll.
    /// </summary>
    public async Task<bool> TakeAsync(Guid sourceId, FeedItem item, DateTimeOffset seenAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        item = StorableText.Clean(item);
        var link = item.Link;
        var linkCanonical = CanonicalUrl.TryCanonicalize(link);
        if (link is null || linkCanonical is null || _seen.ContainsKey(linkCanonical))
        {
            return false;
        }

        if (await ExistsAsync(StreamIdentity.ForArticle(linkCanonical), cancellationToken))
        {
            Remember(linkCanonical);
            return false;
        }

        // Each article starts its own trace (not the poll's), carried by its events through every later step.
        var pollActivity = Activity.Current;
        Activity.Current = null;
        using var activity = telemetry.ActivitySource.StartActivity("crawl article", ActivityKind.Internal);
        Activity.Current = activity ?? pollActivity;
        if (pollActivity is not null)
        {
            activity?.AddLink(new ActivityLink(pollActivity.Context));
        }

        activity?.SetTag("url.full", link);
        try
        {
            return await TakeNewAsync(sourceId, item, link, linkCanonical, seenAt, cancellationToken);
        }
        finally
        {
            Activity.Current = pollActivity;
        }
    }

    private async Task<bool> TakeNewAsync(Guid sourceId, FeedItem item, string link, string linkCanonical, DateTimeOffset discoveredAt, CancellationToken cancellationToken)
    {
        var extractionTime = TimeSpan.Zero;
        ArticleOutcome outcome;
        try
        {
            var page = await fetcher.FetchAsync(new Uri(link), AcceptHtml, null, null, cancellationToken);
            (outcome, extractionTime) = await extraction.RunAsync(() =>
            {
                var extractionStarted = Stopwatch.GetTimestamp();
                var extracted = ArticleOutcome.FromPage(linkCanonical, sourceId, item, page);
                return (extracted, Stopwatch.GetElapsedTime(extractionStarted));
            }, cancellationToken, metrics.ExtractionQueued);
        }
        catch (FetchFailedException ex) when (ex.IsTransient && _transientAttempts.AddOrUpdate(linkCanonical, 1, (_, n) => n + 1) < options.TransientAttempts)
        {
            logger.LogInformation("Transient failure fetching {Url} ({Reason}); retrying on a later poll", item.Link, ex.Message);
            return false;
        }
        catch (FetchFailedException ex)
        {
            outcome = ArticleOutcome.Failed(linkCanonical, link, ex.Message);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(ex, "Unexpected failure fetching {Url}", item.Link);
            outcome = ArticleOutcome.Failed(linkCanonical, link, "unexpected failure: " + ex.Message);
        }

        _transientAttempts.TryRemove(linkCanonical, out _);
        if (outcome.CanonicalUrl != linkCanonical && await ExistsAsync(outcome.ArticleId, cancellationToken))
        {
            Remember(linkCanonical);
            return false;
        }

        Activity.Current?.SetTag("mediamonitor.article_id", outcome.ArticleId);
        await using var session = store.LightweightSession();
        session.Events.StartStream(outcome.ArticleId,
            new ArticleDiscovered(outcome.ArticleId, link, outcome.CanonicalUrl, sourceId, item.Title, item.PublishedAt, discoveredAt, CrawlerVersion),
            outcome.Event);
        try
        {
            await session.SaveChangesAsync(cancellationToken);
        }
        catch (Exception ex) when (WriteConflict.Is(ex))
        {
            Remember(linkCanonical);
            return false;
        }
        catch (Exception ex) when (StorableText.IsRefusedCharacter(ex))
        {
            // Text the store cannot hold would be refused again on every poll: the item is recorded as failed, once.
            logger.LogWarning("The store refused a character in the article {Url} ({Error}); recorded as failed", link, ex.GetBaseException().Message);
            outcome = ArticleOutcome.Failed(outcome.CanonicalUrl, link, StorableText.RefusedReason);
            await using var failedSession = store.LightweightSession();
            failedSession.Events.StartStream(outcome.ArticleId,
                new ArticleDiscovered(outcome.ArticleId, link, outcome.CanonicalUrl, sourceId, null, item.PublishedAt, discoveredAt, CrawlerVersion),
                outcome.Event);
            await failedSession.SaveChangesAsync(cancellationToken);
        }

        Remember(linkCanonical);
        if (outcome.Event is ArticleFetchFailed failed)
        {
            metrics.ArticleFailed(failed.Reason);
        }
        else
        {
            metrics.ArticleFetched(extractionTime);
        }

        return true;
    }

    private async Task<bool> ExistsAsync(Guid articleId, CancellationToken cancellationToken)
    {
        await using var session = store.QuerySession();
        return await session.Events.FetchStreamStateAsync(articleId, cancellationToken) is not null;
    }

    private void Remember(string canonical)
    {
        if (_seen.Count >= SeenLimit)
        {
            _seen.Clear();
        }

        _seen.TryAdd(canonical, 0);
    }
}
