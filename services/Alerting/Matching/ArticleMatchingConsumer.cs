using Marten;
using MassTransit;
using MediaMonitor.Alerting.Alerts;
using MediaMonitor.Alerting.Delivery;
using MediaMonitor.Alerting.Sources;
using MediaMonitor.Alerting.Subscriptions;
using MediaMonitor.Contracts.Alerting;
using MediaMonitor.Contracts.Crawler;
using MediaMonitor.Contracts.EntityTagging;
using MediaMonitor.Contracts;
using MediaMonitor.ServiceDefaults;
using Microsoft.Extensions.Options;

namespace MediaMonitor.Alerting.Matching;

/// <summary>
/// Matches every tagged article against the subscriptions of the tenants watching its source and raises or updates one alert per (subscription, story).
/// Idempotent: an article already counted by an alert adds nothing; a concurrent first alert loses on the stream id
/// and the retry turns it into an update.
/// </summary>
public sealed class ArticleMatchingConsumer(
    IDocumentStore store,
    SubscriptionCatalog catalog,
    SourceWatchers sources,
    StoryLocks stories,
    RaisedAlertPushes pushes,
    ArticleFetchTimes fetchTimes,
    IOptions<AlertingOptions> options,
    TimeProvider clock,
    ServiceTelemetry telemetry,
    AlertingMetrics metrics,
    ILogger<ArticleMatchingConsumer> logger) : IConsumer<EntitiesTagged>
{
    public async Task Consume(ConsumeContext<EntitiesTagged> context)
    {
        var articleId = context.Message.ArticleId;
        await using var session = store.LightweightSession();
        var stream = await session.Events.FetchStreamAsync(articleId, token: context.CancellationToken);
        var (article, missing) = ArticleFacts.From(articleId, stream.Select(e => e.Data));
        if (article is null)
        {
            throw new InvalidOperationException($"Article {articleId} cannot be matched yet: {missing}.");
        }

        await catalog.EnsureLoadedAsync(session, context.CancellationToken);
        using var activity = telemetry.ActivitySource.StartActivity("match article");
        var matched = catalog.Match(article.ToDocument(), clock.GetUtcNow());
        if (matched.Count > 0)
        {
            // A tenant is alerted only about articles from sources it watches (what the Api lets it open).
            matched = await sources.KeepWatchedAsync(session, article.SourceId, matched, context.CancellationToken);
        }

        activity?.SetTag("mediamonitor.subscriptions_matched", matched.Count);
        if (matched.Count == 0)
        {
            return;
        }

        // The story's alert streams are read and appended to by one message at a time in this replica (StoryLocks).
        using var turn = await stories.EnterAsync(article.StoryId, context.CancellationToken);

        // Delivery appends to the same streams: their turns are taken before they are read (AlertStreamTurns), so nothing
        // appended here can fail on a stream version. One query for every matched subscription's alert stream.
        var alertIds = matched.Select(m => StreamIdentity.ForAlert(m.Id, article.StoryId)).ToArray();
        await AlertStreamTurns.TakeAsync(session, alertIds, context.CancellationToken);
        var existing = (await session.Events.QueryAllRawEvents().Where(e => alertIds.Contains(e.StreamId)).OrderBy(e => e.Sequence)
                .ToListAsync(context.CancellationToken))
            .GroupBy(e => e.StreamId).ToDictionary(g => g.Key, g => g.Select(e => e.Data).ToList());
        var now = clock.GetUtcNow();
        var appended = 0;
        var recorded = new List<object>();
        for (var i = 0; i < matched.Count; i++)
        {
            var alertId = alertIds[i];
            var state = AlertState.From(alertId, existing.GetValueOrDefault(alertId) ?? []);
            // A re-tagged article (reprocessing) that now matches is history, not news: raised like a backfill, not pushed.
            var decided = AlertDecisions.Decide(state, matched[i], article, now, options.Value.MatcherVersion,
                backfill: context.Message.ReprocessingId is not null);
            if (decided.Count == 0)
            {
                continue;
            }

            if (state.Exists)
            {
                session.Events.Append(alertId, state.Version + decided.Count, [.. decided]);
            }
            else
            {
                session.Events.StartStream(alertId, [.. decided]);
            }

            appended += decided.Count;
            recorded.AddRange(decided);
        }

        if (appended > 0)
        {
            await session.SaveChangesAsync(context.CancellationToken);
            if (stream.Select(e => e.Data).OfType<ArticleFetched>().FirstOrDefault() is { } fetched)
            {
                // Delivery's latency metric counts from the first fetch; the dozen alerts of this article need not read it again.
                fetchTimes.Record(articleId, fetched.FetchedAt);
            }

            pushes.Offer(recorded.OfType<AlertRaised>());
            metrics.Matched(matched.Count);
            metrics.Recorded(recorded);
            logger.LogInformation("Article {ArticleId} matched {Count} subscriptions; {Appended} alert events recorded", articleId, matched.Count, appended);
        }
    }
}
