using System.Security.Claims;
using Marten;
using MediaMonitor.Api.Http;
using MediaMonitor.Api.Security;

namespace MediaMonitor.Api.Tenants;

/// <summary>
/// /api/keys: a tenant manages its own keys with one of them (list, issue another, revoke another), so a leaked key can
/// be replaced without the operator. A key cannot revoke itself, so a tenant never locks itself out by accident.
/// </summary>
public static class OwnKeyEndpoints
{
    public static void MapOwnKeyEndpoints(this IEndpointRouteBuilder api)
    {
        var keys = api.MapGroup("/keys").RequireAuthorization(TenantPrincipal.TenantPolicy).WithTags("Tenants");
        keys.MapGet("", ListKeys).WithSummary("The tenant's keys: id, issued, revoked, and which one made this call; never the key or its hash.");
        keys.MapPost("", IssueKey).WithSummary("Issues the tenant another key (shown once), e.g. to replace a leaked one; optional body {\"label\", \"expiresAt\"}.");
        keys.MapDelete("/{keyId}", RevokeKey)
            .WithSummary("Revokes another of the tenant's keys: it answers 401 from the next request on. Revoking again changes nothing; another tenant's key id answers 404.");
    }

    internal static async Task<IResult> ListKeys(HttpContext http, IQuerySession session, CancellationToken ct)
    {
        var tenant = await KeyRevocation.LoadAsync(session, http.User.TenantId(), ct);
        var current = CurrentKeyId(http.User);
        return Results.Ok(tenant.Keys.Select(k => k.ToView(current)).ToList());
    }

    internal static Task<IResult> IssueKey(IssueKeyRequest? request, HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken ct) =>
        TenantEndpoints.IssueKey(http.User.TenantId(), request, session, clock, ct);

    internal static async Task<IResult> RevokeKey(string keyId, HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var current = CurrentKeyId(http.User);
        if (keyId == current)
        {
            return ApiProblems.Conflict("a key cannot revoke itself; revoke it with another of the tenant's keys (POST /api/keys issues one)");
        }

        return await KeyRevocation.RevokeAsync(session, http.User.TenantId(), keyId, revokedBy: current ?? "tenant", current, clock, ct);
    }

    private static string? CurrentKeyId(ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.Name);
}
