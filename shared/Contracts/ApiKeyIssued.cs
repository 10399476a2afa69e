namespace MediaMonitor.Contracts;

/// <summary>An API key was issued to a tenant; only its SHA-256 hash is stored.</summary>
public sealed record ApiKeyIssued(Guid TenantStreamId, string TenantId, string KeyId, string KeyHash, DateTimeOffset IssuedAt);
