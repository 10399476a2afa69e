using Marten;
using MediaMonitor.Alerting.Matching;
using MediaMonitor.Contracts.Alerting;
using MediaMonitor.Contracts.Crawler;
using MediaMonitor.Contracts.Deduplication;
using MediaMonitor.Contracts.EntityTagging;
using MediaMonitor.Contracts;
using MediaMonitor.Text.Querying;

namespace MediaMonitor.Measurements.Chaos;

/// <summary>What the chaos run found once the pipeline went quiet.</summary>
public sealed record ChaosFindings(
    int Articles,
    int IncompleteArticles,
    int ExpectedAlerts,
    int MissingAlerts,
    int UndeliveredAlerts,
    int UnexpectedAlerts,
    int DuplicateAlerts,
    int Redeliveries,
    IReadOnlyList<string> Examples)
{
    /// <summary>Articles without their complete history, stories a subscription matched but never alerted, alerts never delivered.</summary>
    public int Lost => IncompleteArticles + MissingAlerts + UndeliveredAlerts;
}

/// <summary>
/// Checks the run against the event store and the receiver: every released article's stream holds discovery, fetch,
/// dedup verdict and tagging; every (subscription, story) that one of the story's articles matches (the query language's
/// own evaluator over the article as stored) has one AlertRaised; every raised alert reached the receiver; no
/// (subscription, story) reached it under two alerts or two idempotency keys.
/// </summary>
public static class ChaosVerdict
{
    public static async Task<ChaosFindings> CheckAsync(
        IDocumentStore store, IReadOnlyCollection<ReleasedArticle> released, IReadOnlyDictionary<Guid, Query> subscriptions,
        IReadOnlyCollection<AcceptedWebhook> accepted, IReadOnlySet<Guid>? inboxOnly = null)
    {
        var examples = new List<string>();
        var expected = new HashSet<(Guid Subscription, Guid Story)>();
        var incomplete = 0;
        await using var session = store.QuerySession();
        foreach (var url in released.Select(r => r.Url).Distinct(StringComparer.Ordinal))
        {
            var id = StreamIdentity.ForArticle(url);
            var events = (await session.Events.FetchStreamAsync(id)).Select(e => e.Data).ToList();
            var missing = new[] { typeof(ArticleDiscovered), typeof(ArticleFetched), typeof(ArticleDeduplicated), typeof(EntitiesTagged) }
                .Where(t => !events.Any(t.IsInstanceOfType)).Select(t => t.Name).ToList();
            if (missing.Count > 0)
            {
                incomplete++;
                Note(examples, $"article {url} ({id}) has no {string.Join(", ", missing)}");
                continue;
            }

            var (facts, _) = ArticleFacts.From(id, events);
            var document = facts!.ToDocument();
            foreach (var (subscription, query) in subscriptions)
            {
                if (query.Matches(document))
                {
                    expected.Add((subscription, facts.StoryId));
                }
            }
        }

        var raised = (await session.Events.QueryRawEventDataOnly<AlertRaised>().ToListAsync())
            .Where(a => subscriptions.ContainsKey(a.SubscriptionId))
            .ToList();
        var raisedPairs = raised.GroupBy(a => (a.SubscriptionId, a.StoryId)).ToDictionary(g => g.Key, g => g.ToList());
        var missingAlerts = expected.Where(p => !raisedPairs.ContainsKey(p)).ToList();
        foreach (var (subscription, story) in missingAlerts)
        {
            Note(examples, $"subscription {subscription} matched story {story} but raised no alert");
        }

        var unexpected = raisedPairs.Keys.Count(p => !expected.Contains(p));
        var acceptedByAlert = accepted.GroupBy(a => a.AlertId).ToDictionary(g => g.Key, g => g.ToList());
        var undelivered = raised.Where(a => !a.Backfilled && inboxOnly?.Contains(a.SubscriptionId) != true && !acceptedByAlert.ContainsKey(a.AlertId)).ToList();
        foreach (var alert in undelivered)
        {
            Note(examples, $"alert {alert.AlertId} (subscription {alert.SubscriptionId}, story {alert.StoryId}) never reached the webhook");
        }

        // A subscriber sees a second alert when one (subscription, story) reaches it under two alerts or two idempotency keys;
        // the same key twice is a redelivery its receiver drops.
        var duplicates = accepted.GroupBy(a => (a.SubscriptionId, a.StoryId))
            .Sum(g => g.Select(a => a.IdempotencyKey).Distinct(StringComparer.Ordinal).Count() - 1);
        var redeliveries = accepted.Count - accepted.Select(a => a.IdempotencyKey).Distinct(StringComparer.Ordinal).Count();
        return new ChaosFindings(released.Count, incomplete, expected.Count, missingAlerts.Count, undelivered.Count, unexpected, duplicates,
            redeliveries, examples);
    }

    private static void Note(List<string> examples, string line)
    {
        if (examples.Count < 20)
        {
            examples.Add(line);
        }
    }
}
