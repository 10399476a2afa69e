using Marten;
using MediaMonitor.Alerting.Alerts;
using MediaMonitor.Alerting.Sources;
using MediaMonitor.Alerting.Subscriptions;
using MediaMonitor.Contracts;
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

        var stored = await StoredArticles.LoadAsync(store, asOf - TimeSpan.FromDays(options.Value.BackfillDays), cancellationToken, until: asOf);
        SourceAudience audience;
        await using (var query = store.QuerySession())
        {
            audience = await sources.LoadAsync(query, clock.GetUtcNow(), cancellationToken);
        }

        // Only articles from sources the subscription's tenant watches, as live matching.
        var articles = stored.Where(a => audience.Reaches(a.SourceId, subscription.TenantId)).ToList();
        var index = new Matching.SubscriptionIndex<Subscription>([subscription], s => s.Query);
        var matched = articles.Where(a => index.Match(a.ToDocument()).Count > 0).ToList();
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
        logger.LogInformation("Backfill of subscription {SubscriptionId} ({Query}): {Articles} stored articles, {Matched} matched, {Appended} alert events",
            subscription.Id, subscription.QueryText, articles.Count, matched.Count, appended);
    }
}
