namespace MediaMonitor.Contracts;

/// <summary>A tenant (a customer account) was created.</summary>
public sealed record TenantCreated(Guid TenantStreamId, string TenantId, string Name, DateTimeOffset CreatedAt);
