using Marten;
using MediaMonitor.Contracts;
using MediaMonitor.Crawler.Extraction;
using MediaMonitor.Crawler.Feeds;
using MediaMonitor.Crawler.Http;
using MediaMonitor.Crawler.Urls;

namespace MediaMonitor.Crawler.Polling;

/// <summary>
/// Takes one feed item into the store: ArticleDiscovered when its canonical URL is new, then the page fetched and
/// extracted into ArticleFetched, or ArticleFetchFailed with the reason. A stream that already holds its outcome is
/// left alone, so re-polling a feed (or a second replica polling it) never doubles an article.
/// </summary>
public sealed class ArticleIntake(IDocumentStore store, PageFetcher fetcher, ILogger<ArticleIntake> logger)
{
    public const string CrawlerVersion = "crawler-1.0";
    private const string AcceptHtml = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5";

    /// <summary>Returns true when the item was new to the store.</summary>
    public async Task<bool> TakeAsync(Guid sourceId, FeedItem item, CancellationToken cancellationToken)
    {
        var canonical = CanonicalUrl.TryCanonicalize(item.Link);
        if (canonical is null)
        {
            return false;
        }

        var articleId = StreamIdentity.ForArticle(canonical);
        var isNew = false;
        await using (var session = store.LightweightSession())
        {
            var state = await session.Events.FetchStreamStateAsync(articleId, cancellationToken);
            if (state is { Version: >= 2 })
            {
                return false;
            }

            if (state is null)
            {
                session.Events.StartStream(articleId, new ArticleDiscovered(
                    articleId, item.Link, canonical, sourceId, item.Title, item.PublishedAt, DateTimeOffset.UtcNow, CrawlerVersion));
                try
                {
                    await session.SaveChangesAsync(cancellationToken);
                    isNew = true;
                }
                catch (Exception ex) when (LostStreamRace.Is(ex))
                {
                    return false;
                }
            }
        }

        var outcome = await FetchAsync(articleId, canonical, sourceId, item, cancellationToken);
        await using (var session = store.LightweightSession())
        {
            session.Events.Append(articleId, 2, outcome);
            try
            {
                await session.SaveChangesAsync(cancellationToken);
            }
            catch (Exception ex) when (LostStreamRace.Is(ex))
            {
                logger.LogInformation("Article {ArticleId} was completed by another crawler first", articleId);
            }
        }

        return isNew;
    }

    private async Task<object> FetchAsync(Guid articleId, string canonical, Guid sourceId, FeedItem item, CancellationToken cancellationToken)
    {
        try
        {
            var page = await fetcher.FetchAsync(new Uri(item.Link), AcceptHtml, null, null, cancellationToken);
            return ArticleOutcome.FromPage(articleId, item.Link, canonical, sourceId, item, page);
        }
        catch (FetchFailedException ex)
        {
            return new ArticleFetchFailed(articleId, item.Link, ex.Message, DateTimeOffset.UtcNow, CrawlerVersion);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(ex, "Unexpected failure fetching {Url}", item.Link);
            return new ArticleFetchFailed(articleId, item.Link, "unexpected failure: " + ex.Message, DateTimeOffset.UtcNow, CrawlerVersion);
        }
    }
}
