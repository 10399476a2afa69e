using Marten;
using MediaMonitor.Api.Articles;
using MediaMonitor.Api.Http;
using MediaMonitor.Api.Queries;
using MediaMonitor.Api.Security;
using MediaMonitor.ServiceDefaults.Articles;
using Microsoft.Extensions.Options;

namespace MediaMonitor.Api.Coverage;

/// <summary>
/// GET /api/coverage: matching articles and distinct stories per interval, top outlets and co-occurring entities, first
/// and latest article, from the article read model: the full-text index preselects candidates by the query's words,
/// each is decided from its row where that is exact, else by the live matcher over its text (<see cref="CoverageMatches"/>),
/// and the counts are kept as the rows stream past.
/// </summary>
public static class CoverageEndpoints
{
    public static void MapCoverageEndpoints(this IEndpointRouteBuilder api) =>
        api.MapGroup("/coverage").RequireAuthorization(TenantPrincipal.TenantPolicy).WithTags("Coverage")
            .MapGet("", GetCoverage)
            .WithSummary("Counts of matching articles and distinct stories per hour, day or week, top outlets and entities, first and latest article; asOf= answers as the system knew it then.");

    internal static async Task<IResult> GetCoverage(
        string? query, string? from, string? to, string? interval, string? asOf,
        HttpContext http, IQuerySession session, ArticleSearch search, IArticleQueryLanguage language, IOptions<ApiOptions> options, TimeProvider clock, CancellationToken ct)
    {
        if (!language.TryCompile(query, out var parsed, out var queryError))
        {
            return QueryProblem.For(queryError);
        }

        if (!AsOf.TryParse(asOf, out var instant, out var asOfError))
        {
            return ApiProblems.BadRequest(asOfError);
        }

        if (!CoverageRange.TryParse(from, to, interval, instant ?? clock.GetUtcNow(), options.Value.MaxCoverageBuckets, out var range, out var rangeError))
        {
            return ApiProblems.BadRequest(rangeError);
        }

        var tally = new CoverageTally(range.From, range.To, range.Interval);
        var sourceIds = await session.SourceIdsVisibleToAsync(http.User.TenantId(), ct);
        if (sourceIds.Count > 0)
        {
            var scan = new ArticleScan { Prefilter = parsed.Prefilter, AtFrom = range.From, AtTo = range.To, SourceIds = [.. sourceIds], AsOf = instant };
            await foreach (var article in CoverageMatches.ReadAsync(search, scan, parsed, ct))
            {
                tally.Add(article);
            }
        }

        return Results.Ok(tally.Report(query!.Trim(), instant));
    }
}
