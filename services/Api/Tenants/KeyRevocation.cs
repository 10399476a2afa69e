using Marten;
using MediaMonitor.Api.Http;
using MediaMonitor.ServiceDefaults;

namespace MediaMonitor.Api.Tenants;

/// <summary>Lists and revokes a tenant's keys on its stream; shared by the admin's and the tenant's own endpoints.</summary>
public static class KeyRevocation
{
    private const int Attempts = 3;

    public static async Task<TenantKeys> LoadAsync(IQuerySession session, string tenantId, CancellationToken ct) =>
        TenantIds.IsValid(tenantId)
            ? TenantKeys.Fold((await session.Events.FetchStreamAsync(TenantIds.StreamFor(tenantId), token: ct)).Select(e => e.Data))
            : new TenantKeys(null, null, []);

    /// <summary>
    /// Revokes the key (200 with its view, the same on a repeat), or 404 when it is not this tenant's. The append expects
    /// the stream's version, so two concurrent revocations record one event.
    /// </summary>
    public static async Task<IResult> RevokeAsync(IDocumentSession session, string tenantId, string keyId, string revokedBy, string? currentKeyId,
        TimeProvider clock, CancellationToken ct)
    {
        var streamId = TenantIds.StreamFor(tenantId);
        for (var attempt = 1; ; attempt++)
        {
            var events = TenantIds.IsValid(tenantId) ? await session.Events.FetchStreamAsync(streamId, token: ct) : [];
            var (key, revoked) = TenantKeys.Fold(events.Select(e => e.Data)).Revoke(streamId, keyId, revokedBy, clock.GetUtcNow());
            if (key is null)
            {
                return ApiProblems.NotFound($"no key '{keyId}'");
            }

            if (revoked is null)
            {
                return Results.Ok(key.ToView(currentKeyId));
            }

            session.Events.Append(streamId, events.Count + 1, revoked);
            try
            {
                await session.SaveChangesAsync(ct);
                return Results.Ok(key.ToView(currentKeyId));
            }
            catch (Exception e) when (WriteConflict.Is(e) && attempt < Attempts)
            {
                session.EjectAllPendingChanges();
            }
        }
    }
}
