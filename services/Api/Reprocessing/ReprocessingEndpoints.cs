using Marten;
using MediaMonitor.Api.Http;
using MediaMonitor.Api.Security;
using MediaMonitor.Contracts.Api;
using MediaMonitor.Contracts.EntityTagging;
using MediaMonitor.Contracts;
using MediaMonitor.ServiceDefaults;
using MediaMonitor.ServiceDefaults.Jobs;

namespace MediaMonitor.Api.Reprocessing;

/// <summary>
/// POST /api/reprocessing and GET /api/reprocessing/{id} (admin key): ask EntityTagging to tag stored articles again with
/// the current model and aliases, and follow the request. Articles are shared by every tenant, so this is the operator's.
/// </summary>
public static class ReprocessingEndpoints
{
    public const int MaxKeyLength = 200;

    /// <summary>Namespace of request ids derived from a caller's idempotency key.</summary>
    public static readonly Guid RequestNamespace = new("9e4c2a71-6b3d-4f5e-8a1c-2d7b9e0f3a64");

    public static void MapReprocessingEndpoints(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/reprocessing").RequireAuthorization(TenantPrincipal.AdminPolicy).WithTags("Reprocessing");
        group.MapPost("", RequestAsync)
            .WithSummary("Tags the articles fetched in [from, to) again (optionally only those naming entityId) as a job: appends ReprocessingRequested "
                + "and stores the job; 202 with Location /api/jobs/{id} (its progress). With a key, repeating the call returns the first request instead of starting another.");
        group.MapGet("/{requestId:guid}", GetAsync)
            .WithSummary("The request and, once EntityTagging finished it, how many articles were tagged again.");
    }

    internal static async Task<IResult> RequestAsync(ReprocessingRequest? request, HttpContext http, IDocumentSession session, TimeProvider clock,
        CancellationToken ct)
    {
        if (!TryValidate(request, out var from, out var to, out var entityId, out var key, out var error))
        {
            return ApiProblems.BadRequest(error);
        }

        var requestId = key is null ? Guid.NewGuid() : StreamIdentity.NameBased(RequestNamespace, key);
        var existing = await session.Events.FetchStreamAsync(requestId, token: ct);
        if (existing.Count > 0)
        {
            return Results.Ok(ReprocessingStatus.Of(existing.Select(e => e.Data)));
        }

        var requested = new ReprocessingRequested(requestId, from, to, entityId, clock.GetUtcNow(), "operator:" + (http.User.Identity?.Name ?? "admin"));
        session.Events.StartStream(requestId, requested);
        // The job is stored with the request, so its progress can be read at once; EntityTagging runs it when the request arrives.
        session.Insert(ReprocessingJobs.For(requested));
        try
        {
            await session.SaveChangesAsync(ct);
        }
        catch (Exception e) when (WriteConflict.Is(e))
        {
            // The same key raced us; its request stands.
        }

        return Results.Accepted($"/api/jobs/{requestId}", ReprocessingStatus.Of([requested]));
    }

    internal static async Task<IResult> GetAsync(Guid requestId, IQuerySession session, CancellationToken ct)
    {
        var events = await session.Events.FetchStreamAsync(requestId, token: ct);
        return events.Count > 0 && events[0].Data is ReprocessingRequested
            ? Results.Ok(ReprocessingStatus.Of(events.Select(e => e.Data)))
            : ApiProblems.NotFound($"no reprocessing request {requestId}");
    }

    internal static bool TryValidate(ReprocessingRequest? request, out DateTimeOffset from, out DateTimeOffset to, out string? entityId,
        out string? key, out string error)
    {
        (from, to, entityId, key, error) = (default, default, null, null, "");
        if (request?.From is not { } f || request.To is not { } t)
        {
            error = "from and to are required (ISO 8601 times; articles fetched in [from, to) are tagged again)";
            return false;
        }

        if (f >= t)
        {
            error = "from must be before to";
            return false;
        }

        entityId = string.IsNullOrWhiteSpace(request.EntityId) ? null : request.EntityId.Trim();
        key = string.IsNullOrWhiteSpace(request.Key) ? null : request.Key.Trim();
        if (entityId?.Length > MaxKeyLength || key?.Length > MaxKeyLength)
        {
            error = $"entityId and key must be at most {MaxKeyLength} characters";
            return false;
        }

        (from, to) = (f, t);
        return true;
    }
}

/// <summary>The body of POST /api/reprocessing; key makes the call idempotent.</summary>
public sealed record ReprocessingRequest(DateTimeOffset? From, DateTimeOffset? To, string? EntityId, string? Key);

/// <summary>A reprocessing request and its outcome: state "requested" until EntityTagging completes it, then "completed".</summary>
public sealed record ReprocessingStatus(
    Guid RequestId,
    DateTimeOffset From,
    DateTimeOffset To,
    string? EntityId,
    DateTimeOffset RequestedAt,
    string RequestedBy,
    string State,
    ReprocessingCompleted? Completed)
{
    /// <summary>Where the job that runs the request shows its progress (the job id is the request id).</summary>
    public string Job => $"/api/jobs/{RequestId}";

    public static ReprocessingStatus Of(IEnumerable<object> events)
    {
        var list = events.ToList();
        var requested = list.OfType<ReprocessingRequested>().First();
        var completed = list.OfType<ReprocessingCompleted>().LastOrDefault();
        return new ReprocessingStatus(requested.RequestId, requested.From, requested.To, requested.EntityId, requested.RequestedAt,
            requested.RequestedBy, completed is null ? "requested" : "completed", completed);
    }
}
