using Marten;
using MassTransit;
using MediaMonitor.Alerting.Alerts;
using MediaMonitor.Alerting.Matching;
using MediaMonitor.Alerting.Subscriptions;
using MediaMonitor.Contracts;
using Microsoft.Extensions.Options;

namespace MediaMonitor.Alerting.Backfill;

/// <summary>
/// Runs a new subscription over the stored articles of the last Alerting:BackfillDays days with the live matcher and
/// the same throttling, so its inbox shows what it would have caught; those alerts are marked backfilled and not pushed.
/// One replica runs it (a shared queue); a retry after a collision with live matching only adds what is missing.
/// </summary>
public sealed class SubscriptionBackfillConsumer(
    IDocumentStore store,
    IOptions<AlertingOptions> options,
    TimeProvider clock,
    ILogger<SubscriptionBackfillConsumer> logger) : IConsumer<SubscriptionCreated>
{
    public async Task Consume(ConsumeContext<SubscriptionCreated> context)
    {
        var (subscription, error) = Subscription.From(context.Message);
        if (subscription is null || options.Value.BackfillDays <= 0)
        {
            if (error is not null)
            {
                logger.LogWarning("No backfill for subscription {SubscriptionId}: its query does not parse ({Error})", context.Message.SubscriptionId, error);
            }

            return;
        }

        // History is what was fetched before the subscription existed; later articles are live matching's (which pushes them).
        var articles = await StoredArticles.LoadAsync(store, clock.GetUtcNow() - TimeSpan.FromDays(options.Value.BackfillDays), context.CancellationToken,
            until: context.Message.CreatedAt);
        var matched = articles.Where(a => subscription.Query.Matches(a.ToDocument())).ToList();
        var appended = 0;
        await using var session = store.LightweightSession();
        foreach (var story in matched.GroupBy(a => a.StoryId))
        {
            var alertId = StreamIdentity.ForAlert(subscription.Id, story.Key);
            var state = AlertState.From(alertId, (await session.Events.FetchStreamAsync(alertId, token: context.CancellationToken)).Select(e => e.Data));
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

        await session.SaveChangesAsync(context.CancellationToken);
        logger.LogInformation("Backfill of subscription {SubscriptionId}: {Articles} stored articles, {Matched} matched, {Appended} alert events",
            subscription.Id, articles.Count, matched.Count, appended);
    }
}
