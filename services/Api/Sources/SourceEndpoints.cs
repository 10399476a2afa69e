using Marten;
using MediaMonitor.Api.Http;
using MediaMonitor.Api.Security;
using MediaMonitor.Contracts.Api;
using MediaMonitor.Contracts;
using MediaMonitor.ServiceDefaults;
using MediaMonitor.ServiceDefaults.Sources;

namespace MediaMonitor.Api.Sources;

/// <summary>POST/GET /api/sources: the feeds and pages a tenant asks the crawler to watch.</summary>
public static class SourceEndpoints
{
    public static void MapSourceEndpoints(this IEndpointRouteBuilder api)
    {
        var sources = api.MapGroup("/sources").RequireAuthorization(TenantPrincipal.TenantPolicy).WithTags("Sources");
        sources.MapPost("", AddSource)
            .WithSummary("Adds a feed or page URL to watch; adding the same URL again returns the existing source (200).");
        sources.MapPost("/opml", ImportOpml)
            .Accepts<string>("text/x-opml", "application/xml", "text/xml")
            .WithSummary("Adds every outline xmlUrl of an OPML document as a source (idempotent): {added, alreadyPresent, rejected}.");
        sources.MapGet("", ListSources).WithSummary("The tenant's sources with their crawl health (projected from the Crawler's events, a moment behind).");
        sources.MapGet("/{id:guid}", GetSource).WithSummary("One of the tenant's sources.");
    }

    internal static async Task<IResult> AddSource(AddSourceRequest? request, HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        if (!SourceUrl.TryNormalize(request?.Url, out var url, out var error))
        {
            return ApiProblems.BadRequest(error);
        }

        var (source, created) = await AddAsync(http.User.TenantId(), url, session, clock, ct);
        if (created)
        {
            return Results.Created($"/api/sources/{source.Id}", SourceView.Of(source, null));
        }

        return Results.Ok(SourceView.Of(source, await session.LoadAsync<ApiSourceHealth>(source.Id, ct)));
    }

    internal static async Task<IResult> ImportOpml(HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var mediaType = http.Request.ContentType?.Split(';')[0].Trim();
        if (mediaType is not ("text/x-opml" or "application/xml" or "text/xml" or "application/x-opml"))
        {
            return ApiProblems.BadRequest("send the OPML document as the body with Content-Type text/x-opml or application/xml");
        }

        using var body = new MemoryStream();
        try
        {
            await http.Request.Body.CopyToAsync(body, ct);
        }
        catch (BadHttpRequestException ex)
        {
            return Results.Problem(title: "Invalid request", detail: "the OPML document is too large or unreadable: " + ex.Message, statusCode: ex.StatusCode);
        }

        body.Position = 0;
        if (!OpmlOutlines.TryRead(body, out var urls, out var error))
        {
            return ApiProblems.BadRequest(error);
        }

        var tenantId = http.User.TenantId();
        var added = 0;
        var alreadyPresent = 0;
        var rejected = new List<RejectedUrl>();
        foreach (var raw in urls)
        {
            if (!SourceUrl.TryNormalize(raw, out var url, out var reason))
            {
                rejected.Add(new RejectedUrl(raw, reason));
                continue;
            }

            var (_, created) = await AddAsync(tenantId, url, session, clock, ct);
            if (created)
            {
                added++;
            }
            else
            {
                alreadyPresent++;
            }
        }

        return Results.Ok(new OpmlImportResult(added, alreadyPresent, rejected));
    }

    /// <summary>Starts the source stream unless it exists; true when this call created it.</summary>
    private static async Task<(SourceRecord Source, bool Created)> AddAsync(string tenantId, string url, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var id = StreamIdentity.ForSource(tenantId, url);
        var existing = await session.LoadAsync<SourceRecord>(id, ct);
        if (existing is not null)
        {
            return (existing, false);
        }

        var added = new SourceAdded(id, tenantId, url, clock.GetUtcNow());
        session.Events.StartStream(id, added);
        try
        {
            await session.SaveChangesAsync(ct);
        }
        catch (Exception e) when (WriteConflict.Is(e))
        {
            // A concurrent identical request won the race: same id, same source.
            session.EjectAllPendingChanges();
            return (new SourceRecord { Id = id, TenantId = tenantId, Url = url, AddedAt = added.AddedAt }, false);
        }

        return (SourceRecordProjection.Create(added), true);
    }

    internal static async Task<IResult> ListSources(HttpContext http, IQuerySession session, CancellationToken ct)
    {
        var tenantId = http.User.TenantId();
        var sources = await session.Query<SourceRecord>().Where(s => s.TenantId == tenantId).OrderBy(s => s.AddedAt).ToListAsync(ct);
        var health = (await session.LoadManyAsync<ApiSourceHealth>(ct, sources.Select(s => s.Id))).ToDictionary(h => h.Id);
        return Results.Ok(sources.Select(s => SourceView.Of(s, health.GetValueOrDefault(s.Id))).ToList());
    }

    internal static async Task<IResult> GetSource(Guid id, HttpContext http, IQuerySession session, CancellationToken ct)
    {
        var source = await session.LoadAsync<SourceRecord>(id, ct);
        return source is not null && source.TenantId == http.User.TenantId()
            ? Results.Ok(SourceView.Of(source, await session.LoadAsync<ApiSourceHealth>(id, ct)))
            : ApiProblems.NotFound($"no source {id}");
    }
}

public sealed record AddSourceRequest(string? Url);

public sealed record RejectedUrl(string Url, string Reason);

public sealed record OpmlImportResult(int Added, int AlreadyPresent, IReadOnlyList<RejectedUrl> Rejected);
