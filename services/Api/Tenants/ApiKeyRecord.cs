using Marten.Events.Projections;
using MediaMonitor.Contracts.Api;

namespace MediaMonitor.Api.Tenants;

/// <summary>Read model: which tenant a key hash belongs to and whether it is revoked. Id is the SHA-256 hash; the key itself is never stored.</summary>
public sealed record ApiKeyRecord
{
    public string Id { get; init; } = "";

    public string TenantId { get; init; } = "";

    public string KeyId { get; init; } = "";

    public DateTimeOffset IssuedAt { get; init; }

    /// <summary>When the key was revoked (ApiKeyRevoked); a revoked key authenticates nothing.</summary>
    public DateTimeOffset? RevokedAt { get; init; }

    /// <summary>When the key stops authenticating (ApiKeyIssued.ExpiresAt); null: until revoked.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }
}

/// <summary>
/// Builds <see cref="ApiKeyRecord"/> from ApiKeyIssued and ApiKeyRevoked, keyed by the hash, inline, so a key works as
/// soon as it is returned and stops working with the request after its revocation.
/// </summary>
public sealed partial class ApiKeyRecordProjection : MultiStreamProjection<ApiKeyRecord, string>
{
    public ApiKeyRecordProjection()
    {
        Identity<ApiKeyIssued>(e => e.KeyHash);
        Identity<ApiKeyRevoked>(e => e.KeyHash);
    }

    public static ApiKeyRecord Create(ApiKeyIssued e) =>
        new() { Id = e.KeyHash, TenantId = e.TenantId, KeyId = e.KeyId, IssuedAt = e.IssuedAt, ExpiresAt = e.ExpiresAt };

    public static ApiKeyRecord Apply(ApiKeyRevoked e, ApiKeyRecord key) => key with { RevokedAt = key.RevokedAt ?? e.RevokedAt };
}
