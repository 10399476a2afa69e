using JasperFx.Events.Projections;
using Marten;
using Marten.Events.Aggregation;
using MediaMonitor.Contracts.Api;
using MediaMonitor.Contracts;

namespace MediaMonitor.ServiceDefaults.Sources;

/// <summary>Read model of one tenant's source (a feed or page URL) as the tenant added it; Id is StreamIdentity.ForSource(tenant, url).</summary>
public sealed record SourceRecord
{
    public Guid Id { get; init; }

    public string TenantId { get; init; } = "";

    public string Url { get; init; } = "";

    public DateTimeOffset AddedAt { get; init; }
}

/// <summary>
/// Folds SourceAdded into <see cref="SourceRecord"/>, inline with the append, so a source is there the moment it is added
/// (the Api lists it; Alerting's replicas read who watches which feed). Only the Api runs it: it appends SourceAdded, and an
/// Inline projection runs in the process that appends. Only that event: the crawl health is the Api's
/// ApiSourceHealthProjection (async, since the Crawler appends it).
/// </summary>
public sealed partial class SourceRecordProjection : SingleStreamProjection<SourceRecord, Guid>
{
    /// <summary>The table's name; the Api's read model was called api_source before it moved here, and keeps its table.</summary>
    public const string Alias = "api_source";

    public static SourceRecord Create(SourceAdded e) => new() { Id = e.SourceId, TenantId = e.TenantId, Url = e.Url, AddedAt = e.AddedAt };
}

public static class SourceRecordRegistration
{
    /// <summary>The table, indexed by tenant and URL: every store declares it (AddEventStore), so they all agree on its shape.</summary>
    public static void AddSourceReadModel(this StoreOptions opts)
    {
        ArgumentNullException.ThrowIfNull(opts);
        // Numeric revisions as the projection stores them, so stores without the projection declare the same table.
        opts.Schema.For<SourceRecord>().DocumentAlias(SourceRecordProjection.Alias).UseNumericRevisions(true).Index(s => s.TenantId).Index(s => s.Url);
    }

    /// <summary>Runs the projection inline: in the store of the process that appends SourceAdded (the Api, or a test standing in for it).</summary>
    public static void AddSourceProjection(this StoreOptions opts)
    {
        ArgumentNullException.ThrowIfNull(opts);
        opts.Projections.Add<SourceRecordProjection>(ProjectionLifecycle.Inline);
    }
}
