using Marten.Events.Projections;
using MediaMonitor.Contracts;

namespace MediaMonitor.Api.Sources;

/// <summary>Read model of one tenant's source (a feed or page URL); Id is StreamIdentity.ForSource(tenant, url).</summary>
public sealed record ApiSource
{
    public Guid Id { get; init; }

    public string TenantId { get; init; } = "";

    public string Url { get; init; } = "";

    public DateTimeOffset AddedAt { get; init; }
}

/// <summary>Builds <see cref="ApiSource"/> from SourceAdded, inline with the append.</summary>
public sealed partial class ApiSourceProjection : EventProjection
{
    public static ApiSource Create(SourceAdded e) => new() { Id = e.SourceId, TenantId = e.TenantId, Url = e.Url, AddedAt = e.AddedAt };
}
