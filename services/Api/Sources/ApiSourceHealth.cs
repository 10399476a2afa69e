using Marten.Events.Aggregation;
using MediaMonitor.Contracts.Api;
using MediaMonitor.Contracts.Crawler;

namespace MediaMonitor.Api.Sources;

/// <summary>Read model of one source's crawl health, from the Crawler's events on the source stream; Id is the source's.</summary>
public sealed record ApiSourceHealth : SourceHealthState
{
    public Guid Id { get; init; }
}

/// <summary>A source's crawl health as the Crawler's events leave it: kept by <see cref="ApiSourceHealth"/>, answered in <see cref="SourceView"/>.</summary>
public abstract record SourceHealthState
{
    /// <summary>How many UTC days of new-item counts <see cref="ItemsPerDay"/> keeps.</summary>
    public const int DaysKept = 7;

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

/// <summary>
/// Folds the Crawler's SourcePolled, SourceFailed, SourceDisabled, MalformedFeedRecovered (and SourceResumed) into
/// <see cref="ApiSourceHealth"/>. Async (the Api's daemon): the Crawler appends these in its own process, where an
/// Inline projection of the Api never runs.
/// </summary>
public sealed partial class ApiSourceHealthProjection : SingleStreamProjection<ApiSourceHealth, Guid>
{
    public static ApiSourceHealth Create(SourceAdded e) => new() { Id = e.SourceId };

    public static ApiSourceHealth Apply(SourcePolled e, ApiSourceHealth s) => s with
    {
        LastPolledAt = e.PolledAt,
        LastSuccessAt = e.PolledAt,
        ConsecutiveFailures = 0,
        ItemsPerDay = AddItems(s.ItemsPerDay, DateOnly.FromDateTime(e.PolledAt.UtcDateTime), e.NewItems),
    };

    public static ApiSourceHealth Apply(SourceFailed e, ApiSourceHealth s) => s with
    {
        LastPolledAt = e.FailedAt,
        LastError = e.Reason,
        LastErrorAt = e.FailedAt,
        ConsecutiveFailures = s.ConsecutiveFailures + 1,
    };

    public static ApiSourceHealth Apply(SourceDisabled e, ApiSourceHealth s) => s with
    {
        Disabled = true,
        DisabledReason = e.Reason,
        DisabledAt = e.DisabledAt,
        ConsecutiveFailures = Math.Max(s.ConsecutiveFailures, e.ConsecutiveFailures),
    };

    public static ApiSourceHealth Apply(SourceResumed e, ApiSourceHealth s) => s with { Disabled = false, DisabledReason = null, DisabledAt = null, ConsecutiveFailures = 0 };

    public static ApiSourceHealth Apply(MalformedFeedRecovered e, ApiSourceHealth s) => s with
    {
        LastMalformedReason = e.Reason,
        LastMalformedAt = e.RecoveredAt,
        MalformedRecoveries = s.MalformedRecoveries + 1,
    };

    /// <summary>Adds a poll's new items to its day's bucket, keeping the newest <see cref="ApiSourceHealth.DaysKept"/> days, newest first.</summary>
    internal static IReadOnlyList<DailyItems> AddItems(IReadOnlyList<DailyItems> days, DateOnly day, int newItems)
    {
        var byDay = days.ToDictionary(d => d.Day, d => d.NewItems);
        byDay[day] = byDay.GetValueOrDefault(day) + Math.Max(0, newItems);
        return [.. byDay.OrderByDescending(kv => kv.Key).Take(ApiSourceHealth.DaysKept).Select(kv => new DailyItems(kv.Key, kv.Value))];
    }
}
