using Marten.Events.Aggregation;
using MediaMonitor.Contracts;

namespace MediaMonitor.Api.Sources;

/// <summary>Read model of one tenant's source (a feed or page URL) and its crawl health; Id is StreamIdentity.ForSource(tenant, url).</summary>
public sealed record ApiSource
{
    /// <summary>How many UTC days of new-item counts <see cref="ItemsPerDay"/> keeps.</summary>
    public const int DaysKept = 7;

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

    /// <summary>New items found per UTC day (SourcePolled.NewItems), newest day first, at most <see cref="DaysKept"/> days.</summary>
    public IReadOnlyList<DailyItems> ItemsPerDay { get; init; } = [];

    public string? LastMalformedReason { get; init; }

    public DateTimeOffset? LastMalformedAt { get; init; }

    public int MalformedRecoveries { get; init; }
}

/// <summary>New items the crawler found for a source on one UTC day.</summary>
public sealed record DailyItems(DateOnly Day, int NewItems);

/// <summary>Folds each source stream (SourceAdded from the Api; SourcePolled, SourceFailed, SourceDisabled, SourceResumed, MalformedFeedRecovered from the Crawler) into <see cref="ApiSource"/>, inline with the append.</summary>
public sealed partial class ApiSourceProjection : SingleStreamProjection<ApiSource, Guid>
{
    public static ApiSource Create(SourceAdded e) => new() { Id = e.SourceId, TenantId = e.TenantId, Url = e.Url, AddedAt = e.AddedAt };

    public static ApiSource Apply(SourcePolled e, ApiSource s) => s with
    {
        LastPolledAt = e.PolledAt,
        LastSuccessAt = e.PolledAt,
        ConsecutiveFailures = 0,
        ItemsPerDay = AddItems(s.ItemsPerDay, DateOnly.FromDateTime(e.PolledAt.UtcDateTime), e.NewItems),
    };

    public static ApiSource Apply(SourceFailed e, ApiSource s) => s with
    {
        LastPolledAt = e.FailedAt,
        LastError = e.Reason,
        LastErrorAt = e.FailedAt,
        ConsecutiveFailures = s.ConsecutiveFailures + 1,
    };

    public static ApiSource Apply(SourceDisabled e, ApiSource s) => s with
    {
        Disabled = true,
        DisabledReason = e.Reason,
        DisabledAt = e.DisabledAt,
        ConsecutiveFailures = Math.Max(s.ConsecutiveFailures, e.ConsecutiveFailures),
    };

    public static ApiSource Apply(SourceResumed e, ApiSource s) => s with { Disabled = false, DisabledReason = null, DisabledAt = null, ConsecutiveFailures = 0 };

    public static ApiSource Apply(MalformedFeedRecovered e, ApiSource s) => s with
    {
        LastMalformedReason = e.Reason,
        LastMalformedAt = e.RecoveredAt,
        MalformedRecoveries = s.MalformedRecoveries + 1,
    };

    /// <summary>Adds a poll's new items to its day's bucket, keeping the newest <see cref="ApiSource.DaysKept"/> days, newest first.</summary>
    internal static IReadOnlyList<DailyItems> AddItems(IReadOnlyList<DailyItems> days, DateOnly day, int newItems)
    {
        var byDay = days.ToDictionary(d => d.Day, d => d.NewItems);
        byDay[day] = byDay.GetValueOrDefault(day) + Math.Max(0, newItems);
        return [.. byDay.OrderByDescending(kv => kv.Key).Take(ApiSource.DaysKept).Select(kv => new DailyItems(kv.Key, kv.Value))];
    }
}
