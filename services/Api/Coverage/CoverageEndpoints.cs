using Marten;
using MediaMonitor.Api.Articles;
using MediaMonitor.Api.Http;
using MediaMonitor.Api.Queries;
using MediaMonitor.Api.Security;
using MediaMonitor.Contracts;
using Microsoft.Extensions.Options;

namespace MediaMonitor.Api.Coverage;

/// <summary>GET /api/coverage: matching articles and distinct stories per interval, computed from the stored events.</summary>
public static class CoverageEndpoints
{
    public static void MapCoverageEndpoints(this IEndpointRouteBuilder api) =>
        api.MapGroup("/coverage").RequireAuthorization(TenantPrincipal.TenantPolicy).WithTags("Coverage")
            .MapGet("", GetCoverage)
            .WithSummary("Counts of matching articles and distinct stories per hour, day or week, from ArticleFetched and ArticleDeduplicated history.");

    internal static async Task<IResult> GetCoverage(
        string? query, string? from, string? to, string? interval,
        HttpContext http, IQuerySession session, IArticleQueryLanguage language, IOptions<ApiOptions> options, TimeProvider clock, CancellationToken ct)
    {
        if (!language.TryCompile(query, out var parsed, out var queryError))
        {
            return QueryProblem.For(queryError);
        }

        if (!CoverageRange.TryParse(from, to, interval, clock.GetUtcNow(), options.Value.MaxCoverageBuckets, out var range, out var rangeError))
        {
            return ApiProblems.BadRequest(rangeError);
        }

        var matching = await LoadMatchingAsync(session, http.User.TenantId(), parsed, range, ct);
        return Results.Ok(CoverageCalculator.Compute(query!.Trim(), matching, range.From, range.To, range.Interval));
    }

    private static async Task<List<CoverageArticle>> LoadMatchingAsync(
        IQuerySession session, string tenantId, IArticleQuery query, CoverageRange range, CancellationToken ct)
    {
        var sourceIds = (await session.SourceIdsVisibleToAsync(tenantId, ct)).ToArray();
        if (sourceIds.Length == 0)
        {
            return [];
        }

        var (from, to) = (range.From, range.To);
        var fetched = await session.Events.QueryRawEventDataOnly<ArticleFetched>()
            .Where(f => sourceIds.Contains(f.SourceId))
            .Where(f => (f.PublishedAt != null && f.PublishedAt >= from && f.PublishedAt < to) || (f.PublishedAt == null && f.FetchedAt >= from && f.FetchedAt < to))
            .ToListAsync(ct);
        var latest = fetched.GroupBy(f => f.ArticleId).Select(g => g.MaxBy(f => f.FetchedAt)!).ToList();
        if (latest.Count == 0)
        {
            return [];
        }

        var ids = latest.Select(f => f.ArticleId).ToArray();
        var entities = (await session.Events.QueryRawEventDataOnly<EntitiesTagged>().Where(t => ids.Contains(t.ArticleId)).ToListAsync(ct))
            .GroupBy(t => t.ArticleId).ToDictionary(g => g.Key, g => g.MaxBy(t => t.TaggedAt)!.Entities);
        var stories = (await session.Events.QueryRawEventDataOnly<ArticleDeduplicated>().Where(d => ids.Contains(d.ArticleId)).ToListAsync(ct))
            .GroupBy(d => d.ArticleId).ToDictionary(g => g.Key, g => g.MaxBy(d => d.DecidedAt)!.StoryId);

        return latest
            .Where(f => query.Matches(new MatchableArticle(f.Title, f.Text, f.SiteName, f.Url, entities.GetValueOrDefault(f.ArticleId) ?? [], f.Language)))
            .Select(f => new CoverageArticle(f.ArticleId, f.PublishedAt ?? f.FetchedAt, stories.TryGetValue(f.ArticleId, out var s) ? s : null))
            .ToList();
    }
}
