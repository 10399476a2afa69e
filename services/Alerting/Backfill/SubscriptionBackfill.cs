using Marten;
using MediaMonitor.Alerting.Alerts;
using MediaMonitor.Alerting.Sources;
using MediaMonitor.Alerting.Subscriptions;
using MediaMonitor.Alerting.Matching;
using MediaMonitor.Contracts;
using MediaMonitor.ServiceDefaults.Articles;
using MediaMonitor.Text.Querying;
using Microsoft.Extensions.Options;

namespace MediaMonitor.Alerting.Backfill;

/// <summary>
/// Runs a subscription's query over the stored articles of the last Alerting:BackfillDays days with the live matcher
/// (the same <see cref="Matching.SubscriptionIndex{T}"/>), over the sources its tenant watches, with the same throttling, so its inbox shows what it would
/// have caught; those alerts are marked backfilled and not pushed. Only articles fetched before the subscription (or
/// its new query) took effect: later ones are live matching's, so an article never races into a backfilled alert
/// instead of a pushed one. A retry after a collision with live matching only adds what is missing.
/// </summary>
public sealed class SubscriptionBackfill(
    IDocumentStore store,
    ArticleSearch search,
    SourceWatchers sources,
    IOptions<AlertingOptions> options,
    TimeProvider clock,
    ILogger<SubscriptionBackfill> logger)
{
    /// <param name="asOf">When the query took effect (SubscriptionCreated.CreatedAt, SubscriptionQueryChanged.ChangedAt).</param>
    public async Task RunAsync(Subscription subscription, DateTimeOffset asOf, CancellationToken cancellationToken)
    {
        if (options.Value.BackfillDays <= 0)
        {
            return;
        }

        // The article read model is projected asynchronously: wait until it holds everything stored before now.
        if (!await search.WaitForProjectionAsync(TimeSpan.FromSeconds(options.Value.BackfillProjectionWaitSeconds), cancellationToken))
        {
            throw new InvalidOperationException("the article read model is behind the event store (is a daemon running the articles projection?); retrying the backfill later");
        }

        SourceAudience audience;
        await using (var query = store.QuerySession())
        {
            audience = await sources.LoadAsync(query, clock.GetUtcNow(), cancellationToken);
        }

        // Rows stream from the read model, preselected by the full-text index; only matches are kept. Only articles from
        // sources the subscription's tenant watches, as live matching, and only what live matching had seen (tagged).
        var index = new Matching.SubscriptionIndex<Subscription>([subscription], s => s.Query);
        var scan = new ArticleScan
        {
            Prefilter = SearchPrefilter.For(subscription.Query),
            FetchedFrom = asOf - TimeSpan.FromDays(options.Value.BackfillDays),
            FetchedTo = asOf,
            OrderByFetched = true,
        };
        var scanned = 0;
        var matched = new List<ArticleFacts>();
        await foreach (var (record, text) in search.ScanAsync(scan, cancellationToken))
        {
            scanned++;
            if (!record.Matchable || record.SourceId is not { } source || !audience.Reaches(source, subscription.TenantId))
            {
                continue;
            }

            var article = ArticleFacts.From(record, text);
            if (index.Match(article.ToDocument()).Count > 0)
            {
                matched.Add(article);
            }
        }

        var appended = 0;
        await using var session = store.LightweightSession();
        foreach (var story in matched.GroupBy(a => a.StoryId))
        {
            var alertId = StreamIdentity.ForAlert(subscription.Id, story.Key);
            var state = AlertState.From(alertId, (await session.Events.FetchStreamAsync(alertId, token: cancellationToken)).Select(e => e.Data));
            var existed = state.Exists;
            var version = state.Version;
            var events = new List<object>();
            foreach (var article in story)
            {
                var decided = AlertDecisions.Decide(state, subscription, article, clock.GetUtcNow(), options.Value.MatcherVersion, backfill: true);
                events.AddRange(decided);
                state = decided.Aggregate(state, AlertState.Apply);
            }

            if (events.Count == 0)
            {
                continue;
            }

            if (existed)
            {
                session.Events.Append(alertId, version + events.Count, [.. events]);
            }
            else
            {
                session.Events.StartStream(alertId, [.. events]);
            }

            appended += events.Count;
        }

        await session.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Backfill of subscription {SubscriptionId} ({Query}): {Articles} candidate articles, {Matched} matched, {Appended} alert events",
            subscription.Id, subscription.QueryText, scanned, matched.Count, appended);
    }
}
