namespace MediaMonitor.Contracts.Api;

/// <summary>
/// An API key was issued to a tenant; only its SHA-256 hash is stored. Label: the caller's name for it ("ingest job");
/// ExpiresAt: from then on it authenticates nothing (none: until revoked).
/// </summary>
[MessageUrn("MediaMonitor.Contracts:ApiKeyIssued")]
[EntityName("MediaMonitor.Contracts:ApiKeyIssued")]
public sealed record ApiKeyIssued(Guid TenantStreamId, string TenantId, string KeyId, string KeyHash, DateTimeOffset IssuedAt,
    string? Label = null, DateTimeOffset? ExpiresAt = null);
