using Marten;
using MediaMonitor.Api.Http;
using MediaMonitor.Api.Security;
using MediaMonitor.Contracts.Api;
using MediaMonitor.ServiceDefaults;

namespace MediaMonitor.Api.Tenants;

/// <summary>POST /api/tenants and a tenant's keys (issue, list, revoke) under /api/tenants/{tenantId}/keys, for the operator's admin key only.</summary>
public static class TenantEndpoints
{
    public static void MapTenantEndpoints(this IEndpointRouteBuilder api)
    {
        var tenants = api.MapGroup("/tenants").RequireAuthorization(TenantPrincipal.AdminPolicy).WithTags("Tenants");
        tenants.MapPost("", CreateTenant)
            .WithSummary("Creates a tenant and issues its first API key (admin key only); the key is shown once.");
        tenants.MapPost("/{tenantId}/keys", IssueKey)
            .WithSummary("Issues another API key to an existing tenant (admin key only); optional body {\"label\", \"expiresAt\"}.");
        tenants.MapGet("/{tenantId}/keys", ListKeys)
            .WithSummary("The tenant's keys: id, issued, revoked (admin key only); never the key or its hash.");
        tenants.MapDelete("/{tenantId}/keys/{keyId}", RevokeKey)
            .WithSummary("Revokes one of the tenant's keys (admin key only): it answers 401 from the next request on. Revoking again changes nothing.");
    }

    internal static async Task<IResult> CreateTenant(CreateTenantRequest? request, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var name = request?.Name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > 200)
        {
            return ApiProblems.BadRequest("name is required (1-200 characters)");
        }

        if (!TenantIds.TryChoose(request!.TenantId, name, out var tenantId, out var error))
        {
            return ApiProblems.BadRequest(error);
        }

        var streamId = TenantIds.StreamFor(tenantId);
        if (await session.Events.FetchStreamStateAsync(streamId, ct) is not null)
        {
            return ApiProblems.Conflict($"tenant '{tenantId}' already exists; issue it another key with POST /api/tenants/{tenantId}/keys");
        }

        var now = clock.GetUtcNow();
        var key = ApiKeys.NewKey();
        var keyId = ApiKeys.NewKeyId();
        session.Events.StartStream(streamId,
            new TenantCreated(streamId, tenantId, name, now),
            new ApiKeyIssued(streamId, tenantId, keyId, ApiKeys.Hash(key), now));
        try
        {
            await session.SaveChangesAsync(ct);
        }
        catch (Exception e) when (WriteConflict.Is(e))
        {
            return ApiProblems.Conflict($"tenant '{tenantId}' already exists");
        }

        return Results.Created($"/api/tenants/{tenantId}", new IssuedKeyResponse(tenantId, name, keyId, key));
    }

    internal static async Task<IResult> ListKeys(string tenantId, IQuerySession session, CancellationToken ct) =>
        await KeyRevocation.LoadAsync(session, tenantId, ct) is { Exists: true } tenant
            ? Results.Ok(tenant.Keys.Select(k => k.ToView()).ToList())
            : ApiProblems.NotFound($"no tenant '{tenantId}'");

    internal static async Task<IResult> RevokeKey(string tenantId, string keyId, IDocumentSession session, TimeProvider clock, CancellationToken ct) =>
        await KeyRevocation.RevokeAsync(session, tenantId, keyId, revokedBy: "admin", currentKeyId: null, clock, ct);

    internal static async Task<IResult> IssueKey(string tenantId, IssueKeyRequest? request, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        request ??= new IssueKeyRequest(null, null);
        if (!request.TryValidate(now, out var label, out var error))
        {
            return ApiProblems.BadRequest(error);
        }

        var streamId = TenantIds.StreamFor(tenantId);
        var events = TenantIds.IsValid(tenantId) ? await session.Events.FetchStreamAsync(streamId, token: ct) : [];
        if (events.Count == 0 || events[0].Data is not TenantCreated created)
        {
            return ApiProblems.NotFound($"no tenant '{tenantId}'");
        }

        var key = ApiKeys.NewKey();
        var keyId = ApiKeys.NewKeyId();
        session.Events.Append(streamId, new ApiKeyIssued(streamId, tenantId, keyId, ApiKeys.Hash(key), now, label, request.ExpiresAt));
        await session.SaveChangesAsync(ct);
        return Results.Created($"/api/tenants/{tenantId}", new IssuedKeyResponse(tenantId, created.Name, keyId, key, label, request.ExpiresAt));
    }
}

public sealed record CreateTenantRequest(string? Name, string? TenantId);

/// <summary>A newly issued key: the only time the key itself is ever returned.</summary>
public sealed record IssuedKeyResponse(string TenantId, string Name, string KeyId, string ApiKey, string? Label = null, DateTimeOffset? ExpiresAt = null);
