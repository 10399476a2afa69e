using Marten;
using MediaMonitor.Api.Articles;
using MediaMonitor.Api.Http;
using MediaMonitor.Api.Security;
using MediaMonitor.ServiceDefaults.Articles;

namespace MediaMonitor.Api.Stories;

/// <summary>GET /api/stories/{id}: a story's articles (those the tenant may see), outlets, entities and first/last seen, from the article read model.</summary>
public static class StoryEndpoints
{
    public static void MapStoryEndpoints(this IEndpointRouteBuilder api) =>
        api.MapGroup("/stories").RequireAuthorization(TenantPrincipal.TenantPolicy).WithTags("Stories")
            .MapGet("/{id:guid}", GetStory)
            .WithSummary("A story: its articles, outlets, entities and when it was first and last seen; asOf= as the system knew it then.");

    internal static async Task<IResult> GetStory(Guid id, string? asOf, HttpContext http, IQuerySession session, ArticleSearch search, CancellationToken ct)
    {
        if (!AsOf.TryParse(asOf, out var instant, out var asOfError))
        {
            return ApiProblems.BadRequest(asOfError);
        }

        var visible = (await session.SourceIdsVisibleToAsync(http.User.TenantId(), ct)).ToHashSet();
        var records = new List<ArticleRecord>();
        await foreach (var (record, _) in search.ScanAsync(new ArticleScan { StoryId = id, AsOf = instant }, ct))
        {
            if (record.SourceIds.Any(visible.Contains))
            {
                records.Add(record);
            }
        }

        return records.Count == 0 ? ApiProblems.NotFound($"no story {id}") : Results.Ok(StoryView.From(id, records, instant));
    }
}
