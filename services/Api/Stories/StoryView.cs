using MediaMonitor.Api.Coverage;
using MediaMonitor.Contracts.Deduplication;
using MediaMonitor.ServiceDefaults.Articles;

namespace MediaMonitor.Api.Stories;

/// <summary>One article of a story.</summary>
public sealed record StoryArticle(Guid ArticleId, string? Title, string? Outlet, string? Url, DateTimeOffset? At, DedupVerdict? Verdict, Guid? DuplicateOf);

/// <summary>A story: its articles oldest first, the outlets that ran it, its entities by how many articles name them, first and last seen.</summary>
public sealed record StoryView(
    Guid Id, int ArticleCount, IReadOnlyList<StoryArticle> Articles, IReadOnlyList<CoverageOutlet> Outlets, IReadOnlyList<CoverageEntity> Entities,
    DateTimeOffset? FirstSeen, DateTimeOffset? LastSeen, DateTimeOffset? AsOf)
{
    public static StoryView From(Guid id, IReadOnlyCollection<ArticleRecord> records, DateTimeOffset? asOf)
    {
        var articles = records.OrderBy(r => r.At).ThenBy(r => r.Id)
            .Select(r => new StoryArticle(r.Id, r.Title, r.Outlet, r.Url, r.At, r.Verdict, r.DuplicateOf)).ToList();
        var outlets = records.Where(r => r.Outlet is not null).GroupBy(r => r.Outlet!, StringComparer.Ordinal)
            .Select(g => new CoverageOutlet(g.Key, g.Count())).OrderByDescending(o => o.Articles).ThenBy(o => o.Outlet, StringComparer.Ordinal).ToList();
        var entities = records.SelectMany(r => r.Entities.DistinctBy(e => e.EntityId)).GroupBy(e => e.EntityId, StringComparer.Ordinal)
            .Select(g => new CoverageEntity(g.Key, g.First().Name, g.First().Type, g.Count())).OrderByDescending(e => e.Articles).ThenBy(e => e.EntityId, StringComparer.Ordinal).ToList();
        var seen = records.Where(r => r.At is not null).Select(r => r.At!.Value).ToList();
        return new StoryView(id, articles.Count, articles, outlets, entities, seen.Count == 0 ? null : seen.Min(), seen.Count == 0 ? null : seen.Max(), asOf);
    }
}
