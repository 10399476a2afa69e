using Marten;
using Marten.Exceptions;
using MediaMonitor.Api.Http;
using MediaMonitor.Api.Security;
using MediaMonitor.Contracts;

namespace MediaMonitor.Api.Sources;

/// <summary>POST/GET /api/sources: the feeds and pages a tenant asks the crawler to watch.</summary>
public static class SourceEndpoints
{
    public static void MapSourceEndpoints(this IEndpointRouteBuilder api)
    {
        var sources = api.MapGroup("/sources").RequireAuthorization(TenantPrincipal.TenantPolicy).WithTags("Sources");
        sources.MapPost("", AddSource)
            .WithSummary("Adds a feed or page URL to watch; adding the same URL again returns the existing source (200).");
        sources.MapGet("", ListSources).WithSummary("The tenant's sources.");
        sources.MapGet("/{id:guid}", GetSource).WithSummary("One of the tenant's sources.");
    }

    internal static async Task<IResult> AddSource(AddSourceRequest? request, HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        if (!SourceUrl.TryNormalize(request?.Url, out var url, out var error))
        {
            return ApiProblems.BadRequest(error);
        }

        var tenantId = http.User.TenantId();
        var id = StreamIdentity.ForSource(tenantId, url);
        var existing = await session.LoadAsync<ApiSource>(id, ct);
        if (existing is not null)
        {
            return Results.Ok(existing);
        }

        var added = new SourceAdded(id, tenantId, url, clock.GetUtcNow());
        session.Events.StartStream(id, added);
        try
        {
            await session.SaveChangesAsync(ct);
        }
        catch (ExistingStreamIdCollisionException)
        {
            // A concurrent identical request won the race: same id, same source.
            return Results.Ok(new ApiSource { Id = id, TenantId = tenantId, Url = url, AddedAt = added.AddedAt });
        }

        return Results.Created($"/api/sources/{id}", ApiSourceProjection.Create(added));
    }

    internal static async Task<IResult> ListSources(HttpContext http, IQuerySession session, CancellationToken ct)
    {
        var tenantId = http.User.TenantId();
        var sources = await session.Query<ApiSource>().Where(s => s.TenantId == tenantId).OrderBy(s => s.AddedAt).ToListAsync(ct);
        return Results.Ok(sources);
    }

    internal static async Task<IResult> GetSource(Guid id, HttpContext http, IQuerySession session, CancellationToken ct)
    {
        var source = await session.LoadAsync<ApiSource>(id, ct);
        return source is not null && source.TenantId == http.User.TenantId()
            ? Results.Ok(source)
            : ApiProblems.NotFound($"no source {id}");
    }
}

public sealed record AddSourceRequest(string? Url);
