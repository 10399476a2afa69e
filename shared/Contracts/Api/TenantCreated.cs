namespace MediaMonitor.Contracts.Api;

/// <summary>A tenant (a customer account) was created.</summary>
[MessageUrn("MediaMonitor.Contracts:TenantCreated")]
[EntityName("MediaMonitor.Contracts:TenantCreated")]
public sealed record TenantCreated(Guid TenantStreamId, string TenantId, string Name, DateTimeOffset CreatedAt);
