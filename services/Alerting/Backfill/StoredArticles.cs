using Marten;
using MediaMonitor.Alerting.Matching;
using MediaMonitor.Contracts;

namespace MediaMonitor.Alerting.Backfill;

/// <summary>
/// The stored articles live matching would have seen: fetched, deduplicated and tagged since a time (and before
/// <c>until</c>, when given), oldest first.
/// </summary>
public static class StoredArticles
{
    public static async Task<IReadOnlyList<ArticleFacts>> LoadAsync(
        IDocumentStore store, DateTimeOffset since, CancellationToken cancellationToken, DateTimeOffset? until = null)
    {
        await using var session = store.QuerySession();
        var end = until ?? DateTimeOffset.MaxValue;
        var fetched = await session.Events.QueryRawEventDataOnly<ArticleFetched>().Where(f => f.FetchedAt >= since && f.FetchedAt < end)
            .ToListAsync(cancellationToken);
        if (fetched.Count == 0)
        {
            return [];
        }

        var ids = fetched.Select(f => f.ArticleId).ToHashSet();
        var deduplicated = (await session.Events.QueryRawEventDataOnly<ArticleDeduplicated>().Where(d => d.DecidedAt >= since).ToListAsync(cancellationToken))
            .Where(d => ids.Contains(d.ArticleId)).GroupBy(d => d.ArticleId).ToDictionary(g => g.Key, g => g.Last());
        var tagged = (await session.Events.QueryRawEventDataOnly<EntitiesTagged>().Where(t => t.TaggedAt >= since).ToListAsync(cancellationToken))
            .Where(t => ids.Contains(t.ArticleId)).GroupBy(t => t.ArticleId).ToDictionary(g => g.Key, g => g.Last());

        var articles = new List<ArticleFacts>();
        foreach (var f in fetched.GroupBy(f => f.ArticleId).Select(g => g.Last()).OrderBy(f => f.FetchedAt))
        {
            if (!deduplicated.TryGetValue(f.ArticleId, out var d) || !tagged.TryGetValue(f.ArticleId, out var t))
            {
                continue;
            }

            var (facts, _) = ArticleFacts.From(f.ArticleId, [f, d, t]);
            if (facts is not null)
            {
                articles.Add(facts);
            }
        }

        return articles;
    }
}
