namespace MediaMonitor.Contracts.Api;

/// <summary>A tenant's API key was revoked: from the next request on it answers 401. RevokedBy is "admin" or the key id that asked.</summary>
[MessageUrn("MediaMonitor.Contracts:ApiKeyRevoked")]
[EntityName("MediaMonitor.Contracts:ApiKeyRevoked")]
public sealed record ApiKeyRevoked(Guid TenantStreamId, string TenantId, string KeyId, string KeyHash, string RevokedBy, DateTimeOffset RevokedAt);
