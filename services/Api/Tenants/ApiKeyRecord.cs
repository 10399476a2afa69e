using Marten.Events.Projections;
using MediaMonitor.Contracts;

namespace MediaMonitor.Api.Tenants;

/// <summary>Read model: which tenant a key hash belongs to. Id is the SHA-256 hash; the key itself is never stored.</summary>
public sealed record ApiKeyRecord
{
    public string Id { get; init; } = "";

    public string TenantId { get; init; } = "";

    public string KeyId { get; init; } = "";

    public DateTimeOffset IssuedAt { get; init; }
}

/// <summary>Builds <see cref="ApiKeyRecord"/> from ApiKeyIssued, inline, so a key works as soon as it is returned.</summary>
public sealed partial class ApiKeyRecordProjection : EventProjection
{
    public static ApiKeyRecord Create(ApiKeyIssued e) =>
        new() { Id = e.KeyHash, TenantId = e.TenantId, KeyId = e.KeyId, IssuedAt = e.IssuedAt };
}
