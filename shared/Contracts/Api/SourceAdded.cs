namespace MediaMonitor.Contracts.Api;

/// <summary>A tenant asked the crawler to watch a feed or page.</summary>
[MessageUrn("MediaMonitor.Contracts:SourceAdded")]
[EntityName("MediaMonitor.Contracts:SourceAdded")]
public sealed record SourceAdded(Guid SourceId, string TenantId, string Url, DateTimeOffset AddedAt);
