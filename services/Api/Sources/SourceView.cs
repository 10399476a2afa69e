using MediaMonitor.ServiceDefaults.Sources;

namespace MediaMonitor.Api.Sources;

/// <summary>A source as the Api answers it: what the tenant added and its crawl health so far (null/zero until the first poll is projected).</summary>
public sealed record SourceView : SourceHealthState
{
    public SourceView()
    {
    }

    private SourceView(SourceHealthState health)
        : base(health)
    {
    }

    public Guid Id { get; init; }

    public string TenantId { get; init; } = "";

    public string Url { get; init; } = "";

    public DateTimeOffset AddedAt { get; init; }

    public static SourceView Of(SourceRecord source, ApiSourceHealth? health) =>
        (health is null ? new SourceView() : new SourceView(health)) with
        {
            Id = source.Id,
            TenantId = source.TenantId,
            Url = source.Url,
            AddedAt = source.AddedAt,
        };
}
