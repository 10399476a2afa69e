namespace MediaMonitor.Api.Sources;

/// <summary>A source as the Api answers it: what the tenant added and its crawl health so far (null/zero until the first poll is projected).</summary>
public sealed record SourceView
{
    public Guid Id { get; init; }

    public string TenantId { get; init; } = "";

    public string Url { get; init; } = "";

    public DateTimeOffset AddedAt { get; init; }

    public DateTimeOffset? LastPolledAt { get; init; }

    public DateTimeOffset? LastSuccessAt { get; init; }

    public string? LastError { get; init; }

    public DateTimeOffset? LastErrorAt { get; init; }

    public int ConsecutiveFailures { get; init; }

    public bool Disabled { get; init; }

    public string? DisabledReason { get; init; }

    public DateTimeOffset? DisabledAt { get; init; }

    public IReadOnlyList<DailyItems> ItemsPerDay { get; init; } = [];

    public string? LastMalformedReason { get; init; }

    public DateTimeOffset? LastMalformedAt { get; init; }

    public int MalformedRecoveries { get; init; }

    public static SourceView Of(ApiSource source, ApiSourceHealth? health) => new()
    {
        Id = source.Id,
        TenantId = source.TenantId,
        Url = source.Url,
        AddedAt = source.AddedAt,
        LastPolledAt = health?.LastPolledAt,
        LastSuccessAt = health?.LastSuccessAt,
        LastError = health?.LastError,
        LastErrorAt = health?.LastErrorAt,
        ConsecutiveFailures = health?.ConsecutiveFailures ?? 0,
        Disabled = health?.Disabled ?? false,
        DisabledReason = health?.DisabledReason,
        DisabledAt = health?.DisabledAt,
        ItemsPerDay = health?.ItemsPerDay ?? [],
        LastMalformedReason = health?.LastMalformedReason,
        LastMalformedAt = health?.LastMalformedAt,
        MalformedRecoveries = health?.MalformedRecoveries ?? 0,
    };
}
