using MediaMonitor.Api.Security;
using MediaMonitor.Text.Querying;

namespace MediaMonitor.Api.Queries;

/// <summary>POST /api/queries/validate: checks a subscription query without saving anything.</summary>
public static class QueryEndpoints
{
    public static void MapQueryEndpoints(this IEndpointRouteBuilder api) =>
        api.MapGroup("/queries").RequireAuthorization(TenantPrincipal.TenantPolicy).WithTags("Queries")
            .MapPost("/validate", Validate)
            .WithSummary("Parses a query: 200 with its canonical form, or 400 with the position and a message an analyst understands.");

    internal static IResult Validate(ValidateQueryRequest? request)
    {
        var result = QueryParser.Parse(request?.Query ?? string.Empty);
        if (result.Error is { } error)
        {
            return QueryProblem.For(error);
        }

        return Results.Ok(new ValidatedQuery(true, result.Query!.ToString()));
    }
}

public sealed record ValidateQueryRequest(string? Query);

public sealed record ValidatedQuery(bool Valid, string Canonical);
