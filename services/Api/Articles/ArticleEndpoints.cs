using Marten;
using MediaMonitor.Api.Http;
using MediaMonitor.Api.Security;

namespace MediaMonitor.Api.Articles;

/// <summary>GET /api/articles/{id}: the article and its full event history in order.</summary>
public static class ArticleEndpoints
{
    public static void MapArticleEndpoints(this IEndpointRouteBuilder api) =>
        api.MapGroup("/articles").RequireAuthorization(TenantPrincipal.TenantPolicy).WithTags("Articles")
            .MapGet("/{id:guid}", GetArticle)
            .WithSummary("The article (title, text, verdict, story, entities) and every event of its stream in order; asOf= as the system knew it then.");

    internal static async Task<IResult> GetArticle(Guid id, string? asOf, HttpContext http, IQuerySession session, CancellationToken ct)
    {
        if (!AsOf.TryParse(asOf, out var instant, out var asOfError))
        {
            return ApiProblems.BadRequest(asOfError);
        }

        var events = (await session.Events.FetchStreamAsync(id, token: ct)).Where(e => instant is null || e.Timestamp <= instant).ToList();
        if (events.Count == 0)
        {
            return ApiProblems.NotFound($"no article {id}");
        }

        var view = ArticleView.From(id, [.. events.Select(e => new StoredEvent(e.Sequence, e.Version, e.EventTypeName, e.Timestamp, e.Data))]);
        var visible = await session.SourceIdsVisibleToAsync(http.User.TenantId(), ct);
        return view.SourceIds.Any(visible.Contains) ? Results.Ok(view) : ApiProblems.NotFound($"no article {id}");
    }
}
