using Marten.Events.Aggregation;
using MediaMonitor.Contracts.Api;
using MediaMonitor.Contracts;

namespace MediaMonitor.Api.Sources;

/// <summary>Read model of one tenant's source (a feed or page URL) as the tenant added it; Id is StreamIdentity.ForSource(tenant, url).</summary>
public sealed record ApiSource
{
    public Guid Id { get; init; }

    public string TenantId { get; init; } = "";

    public string Url { get; init; } = "";

    public DateTimeOffset AddedAt { get; init; }
}

/// <summary>
/// Folds SourceAdded (appended by the Api itself) into <see cref="ApiSource"/>, inline with the append, so a source is
/// listed the moment it is added. Only the Api's own event: an Inline projection never sees what another process
/// appends (the crawl health is <see cref="ApiSourceHealthProjection"/>, async).
/// </summary>
public sealed partial class ApiSourceProjection : SingleStreamProjection<ApiSource, Guid>
{
    public static ApiSource Create(SourceAdded e) => new() { Id = e.SourceId, TenantId = e.TenantId, Url = e.Url, AddedAt = e.AddedAt };
}
