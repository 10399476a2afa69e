using System.Collections.Concurrent;
using Marten;
using MediaMonitor.Contracts.Crawler;
using MediaMonitor.Crawler.Feeds;
using MediaMonitor.Crawler.Polling;
using MediaMonitor.Crawler.WebSub.Events;
using MediaMonitor.ServiceDefaults;

namespace MediaMonitor.Crawler.WebSub;

/// <summary>
/// The callback hubs call, /websub/{sourceId}: GET verifies intent (<see cref="WebSubPlan.Verify"/>); POST distributes
/// content, which is taken in only with a valid X-Hub-Signature and then goes through the same feed parser and article
/// intake as a poll (same stream ids: an item pushed and later polled is one article). Everything it needs is in the
/// database, so any replica answers; pushes are checked against the subscription as read in the last
/// <see cref="PushedSubscriptions.MaxAge"/> (<see cref="PushedSubscriptions"/>).
/// </summary>
public sealed class WebSubCallback(
    IDocumentStore store, WebSubSubscriber subscriber, PushedSubscriptions subscriptions, ArticleIntake intake, CrawlerOptions options, TimeProvider clock,
    CrawlerMetrics metrics, IHostApplicationLifetime lifetime, ILogger<WebSubCallback> logger) : IDisposable
{
    public const string Route = "/websub/{sourceId:guid}";

    // A flood of forged pushes must not flood the source's stream: at most one rejection event per source a minute (each is logged).
    private static readonly TimeSpan RejectionEventEvery = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<Guid, DateTimeOffset> _lastRejectionEvent = new();
    private readonly SemaphoreSlim _itemsInProgress = new(Math.Max(1, options.WebSub.MaxPushedItemsInProgress));

    /// <summary>At the container's disposal, after ApplicationStopping has ended the intake (its waits are cancelled first).</summary>
    public void Dispose() => _itemsInProgress.Dispose();

    public async Task<IResult> VerifyAsync(Guid sourceId, HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var q = request.Query;
        for (var attempt = 0; ; attempt++)
        {
            await using var session = store.LightweightSession();
            var current = await session.LoadAsync<WebSubSubscription>(sourceId, cancellationToken);
            var outcome = WebSubPlan.Verify(current, q["hub.mode"], q["hub.topic"], q["hub.challenge"], q["hub.lease_seconds"], q["hub.reason"], clock.GetUtcNow(), options.WebSub);
            if (outcome.Event is null)
            {
                logger.LogInformation("WebSub verification ({Mode}) for source {SourceId} refused: no matching subscription", (string?)q["hub.mode"], sourceId);
                return Results.Text(outcome.Body, "text/plain", statusCode: outcome.Status);
            }

            if (outcome.After is { } after)
            {
                session.Update(after);
            }
            else if (current is not null)
            {
                session.Delete(current);
            }

            session.Events.Append(sourceId, outcome.Event);
            try
            {
                await session.SaveChangesAsync(cancellationToken);
            }
            catch (Exception ex) when (WriteConflict.Is(ex) && attempt < 3)
            {
                continue;
            }

            subscriptions.Forget(sourceId);
            logger.LogInformation("WebSub {Event} for source {SourceId}", outcome.Event.GetType().Name, sourceId);
            subscriber.Verified();
            return Results.Text(outcome.Body, "text/plain", statusCode: outcome.Status);
        }
    }

    public async Task<IResult> DistributeAsync(Guid sourceId, HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var subscription = await subscriptions.FindAsync(sourceId, fresh: false, cancellationToken);
        if (subscription is null || !subscription.AcceptsContent)
        {
            metrics.WebSubPush("unknown");
            return Results.StatusCode(StatusCodes.Status410Gone);
        }

        var body = await ReadBoundedAsync(request, options.MaxBodyBytes, cancellationToken);
        if (body is null)
        {
            await RejectAsync(subscription, $"body larger than {options.MaxBodyBytes} bytes", cancellationToken);
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        var signature = request.Headers["X-Hub-Signature"];
        var problem = HubSignature.Problem(signature, body, subscription.Secret);
        if (problem is not null && await subscriptions.FindAsync(sourceId, fresh: true, cancellationToken) is { AcceptsContent: true } current
            && current.Secret != subscription.Secret)
        {
            // The copy in memory predates the secret the hub signs with (a new subscription, perhaps by another replica).
            subscription = current;
            problem = HubSignature.Problem(signature, body, subscription.Secret);
        }

        if (problem is not null)
        {
            // The spec: acknowledge with 2xx (the hub must not learn which signatures pass), but take nothing in.
            await RejectAsync(subscription, problem, cancellationToken);
            return Results.Accepted();
        }

        ParsedFeed feed;
        try
        {
            feed = FeedParser.Parse(body, new Uri(subscription.Topic), request.ContentType);
        }
        catch (FeedRejectedException ex)
        {
            await RejectAsync(subscription, "not a feed: " + ex.Message, cancellationToken);
            return Results.Accepted();
        }

        metrics.WebSubPush("accepted");
        var items = feed.Items.Take(options.MaxItemsPerPoll).ToList();
        logger.LogInformation("WebSub push for source {SourceId}: {Items} items", sourceId, items.Count);
        // Answer at once (hubs time out); the article pages are fetched after, as a poll's are.
        var pushedAt = DateTimeOffset.UtcNow;
        _ = Task.Run(() => TakeInAsync(sourceId, items, pushedAt, lifetime.ApplicationStopping), CancellationToken.None);
        return Results.Accepted();
    }

    private async Task TakeInAsync(Guid sourceId, List<FeedItem> items, DateTimeOffset pushedAt, CancellationToken cancellationToken)
    {
        foreach (var item in items)
        {
            try
            {
                await _itemsInProgress.WaitAsync(cancellationToken);
                try
                {
                    await intake.TakeAsync(sourceId, item, pushedAt, cancellationToken);
                }
                finally
                {
                    _itemsInProgress.Release();
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // The slow poll still reads the feed, so an item lost here is taken in later.
                logger.LogError(ex, "Taking in pushed item {Url} of source {SourceId} failed", item.Link, sourceId);
            }
        }

        metrics.WebSubItemsTakenIn(items.Count);
    }

    private async Task RejectAsync(WebSubSubscription subscription, string reason, CancellationToken cancellationToken)
    {
        metrics.WebSubPush("rejected");
        logger.LogWarning("WebSub push for source {SourceId} ({Topic}) ignored: {Reason}", subscription.Id, subscription.Topic, reason);
        var now = clock.GetUtcNow();
        if (_lastRejectionEvent.TryGetValue(subscription.Id, out var last) && now - last < RejectionEventEvery)
        {
            return;
        }

        _lastRejectionEvent[subscription.Id] = now;
        await using var session = store.LightweightSession();
        session.Events.Append(subscription.Id, new WebSubContentRejected(subscription.Id, subscription.Topic, reason, now));
        await session.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The request body, or null when it is larger than the limit (checked while reading, not only from Content-Length).</summary>
    private static async Task<byte[]?> ReadBoundedAsync(HttpRequest request, long limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength is { } declared && declared > limit)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
