namespace MediaMonitor.Contracts;

/// <summary>A tenant asked the crawler to watch a feed or page.</summary>
public sealed record SourceAdded(Guid SourceId, string TenantId, string Url, DateTimeOffset AddedAt);
