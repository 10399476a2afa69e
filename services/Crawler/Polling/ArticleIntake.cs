using System.Collections.Concurrent;
using Marten;
using MediaMonitor.Contracts;
using MediaMonitor.Crawler.Feeds;
using MediaMonitor.Crawler.Http;
using MediaMonitor.Crawler.Politeness;
using MediaMonitor.Crawler.Urls;

namespace MediaMonitor.Crawler.Polling;

/// <summary>
/// Takes one feed item into the store. The page is fetched first, so the article id follows the page's own canonical
/// URL; then ArticleDiscovered and ArticleFetched (or ArticleFetchFailed with the reason) start the article stream in
/// one commit. A URL whose stream exists is skipped, so re-polling (or a second replica) never doubles an article.
/// Transient failures (429, 503, timeouts) are retried on later polls before they are recorded.
/// </summary>
public sealed class ArticleIntake(IDocumentStore store, PoliteFetcher fetcher, CrawlerOptions options, ILogger<ArticleIntake> logger)
{
    public const string CrawlerVersion = "crawler-1.1";
    private const string AcceptHtml = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5";
    private const int SeenLimit = 200_000;
    private readonly ConcurrentDictionary<string, byte> _seen = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _transientAttempts = new(StringComparer.Ordinal);

    /// <summary>Returns true when the item became a new article in the store.</summary>
    public async Task<bool> TakeAsync(Guid sourceId, FeedItem item, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        var linkCanonical = CanonicalUrl.TryCanonicalize(item.Link);
        if (linkCanonical is null || _seen.ContainsKey(linkCanonical))
        {
            return false;
        }

        if (await ExistsAsync(StreamIdentity.ForArticle(linkCanonical), cancellationToken))
        {
            Remember(linkCanonical);
            return false;
        }

        var discoveredAt = DateTimeOffset.UtcNow;
        ArticleOutcome outcome;
        try
        {
            var page = await fetcher.FetchAsync(new Uri(item.Link), AcceptHtml, null, null, cancellationToken);
            outcome = ArticleOutcome.FromPage(linkCanonical, sourceId, item, page);
        }
        catch (FetchFailedException ex) when (ex.IsTransient && _transientAttempts.AddOrUpdate(linkCanonical, 1, (_, n) => n + 1) < options.TransientAttempts)
        {
            logger.LogInformation("Transient failure fetching {Url} ({Reason}); retrying on a later poll", item.Link, ex.Message);
            return false;
        }
        catch (FetchFailedException ex)
        {
            outcome = ArticleOutcome.Failed(linkCanonical, item.Link, ex.Message);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(ex, "Unexpected failure fetching {Url}", item.Link);
            outcome = ArticleOutcome.Failed(linkCanonical, item.Link, "unexpected failure: " + ex.Message);
        }

        _transientAttempts.TryRemove(linkCanonical, out _);
        if (outcome.CanonicalUrl != linkCanonical && await ExistsAsync(outcome.ArticleId, cancellationToken))
        {
            Remember(linkCanonical);
            return false;
        }

        await using var session = store.LightweightSession();
        session.Events.StartStream(outcome.ArticleId,
            new ArticleDiscovered(outcome.ArticleId, item.Link, outcome.CanonicalUrl, sourceId, item.Title, item.PublishedAt, discoveredAt, CrawlerVersion),
            outcome.Event);
        try
        {
            await session.SaveChangesAsync(cancellationToken);
        }
        catch (Exception ex) when (LostStreamRace.Is(ex))
        {
            Remember(linkCanonical);
            return false;
        }

        Remember(linkCanonical);
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
