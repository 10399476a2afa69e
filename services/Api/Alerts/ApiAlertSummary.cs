using Marten.Events.Projections;
using MediaMonitor.Contracts.Alerting;

namespace MediaMonitor.Api.Alerts;

/// <summary>Read model of one alert (one per subscription and story): what was raised, how many copies, where it went.</summary>
public sealed record ApiAlertSummary
{
    public Guid Id { get; init; }

    public Guid SubscriptionId { get; init; }

    public string TenantId { get; init; } = "";

    public Guid StoryId { get; init; }

    public Guid FirstArticleId { get; init; }

    public string Url { get; init; } = "";

    public string Title { get; init; } = "";

    public int Copies { get; init; }

    public int Outlets { get; init; }

    public IReadOnlyList<string> OutletNames { get; init; } = [];

    public DateTimeOffset RaisedAt { get; init; }

    /// <summary>Found by running the subscription over stored history when it was created or its query changed: shown, never pushed.</summary>
    public bool Backfilled { get; init; }

    /// <summary>The matcher version that raised it (AlertRaised.MatcherVersion; null for alerts projected before it was kept).</summary>
    public string? MatcherVersion { get; init; }

    public DateTimeOffset? UpdatedAt { get; init; }

    public DateTimeOffset? DeliveredAt { get; init; }

    public int DeliveryAttempts { get; init; }

    public string? LastDeliveryError { get; init; }

    /// <summary>The channels (webhook, slack, email) the alert reached.</summary>
    public IReadOnlyList<string> DeliveredChannels { get; init; } = [];

    /// <summary>The channels delivery was given up on (AlertDeadLettered); LastDeliveryError says why.</summary>
    public IReadOnlyList<string> DeadLetteredChannels { get; init; } = [];

    /// <summary>The channels deliberately not pushed to (subscription muted, hourly limit reached: AlertDeliverySkipped); SkipReason says why.</summary>
    public IReadOnlyList<string> SkippedChannels { get; init; } = [];

    public string? SkipReason { get; init; }
}

/// <summary>Folds each alert stream (AlertRaised, AlertUpdated, AlertDelivered, AlertDeliveryFailed, AlertDeadLettered, AlertDeliverySkipped) into <see cref="ApiAlertSummary"/>.</summary>
public sealed partial class ApiAlertSummaryProjection : MultiStreamProjection<ApiAlertSummary, Guid>
{
    public ApiAlertSummaryProjection()
    {
        Identity<AlertRaised>(e => e.AlertId);
        Identity<AlertUpdated>(e => e.AlertId);
        Identity<AlertDelivered>(e => e.AlertId);
        Identity<AlertDeliveryFailed>(e => e.AlertId);
        Identity<AlertDeadLettered>(e => e.AlertId);
        Identity<AlertDeliverySkipped>(e => e.AlertId);
    }

    public static ApiAlertSummary Create(AlertRaised e) => new()
    {
        Id = e.AlertId,
        SubscriptionId = e.SubscriptionId,
        TenantId = e.TenantId,
        StoryId = e.StoryId,
        FirstArticleId = e.FirstArticleId,
        Url = e.Url,
        Title = e.Title,
        Copies = 1,
        Outlets = e.Outlet is null ? 0 : 1,
        OutletNames = e.Outlet is null ? [] : [e.Outlet],
        RaisedAt = e.RaisedAt,
        Backfilled = e.Backfilled,
        MatcherVersion = e.MatcherVersion,
    };

    public static ApiAlertSummary Apply(AlertUpdated e, ApiAlertSummary alert) => alert with
    {
        Copies = Math.Max(alert.Copies, e.Copies),
        Outlets = Math.Max(alert.Outlets, e.Outlets),
        OutletNames = e.Outlet is null || alert.OutletNames.Contains(e.Outlet) ? alert.OutletNames : [.. alert.OutletNames, e.Outlet],
        UpdatedAt = e.UpdatedAt,
    };

    public static ApiAlertSummary Apply(AlertDelivered e, ApiAlertSummary alert) => alert with
    {
        DeliveredAt = alert.DeliveredAt ?? e.DeliveredAt,
        DeliveryAttempts = Math.Max(alert.DeliveryAttempts, e.Attempt),
        LastDeliveryError = alert.DeadLetteredChannels.Count > 0 ? alert.LastDeliveryError : null,
        DeliveredChannels = alert.DeliveredChannels.Contains(e.Channel) ? alert.DeliveredChannels : [.. alert.DeliveredChannels, e.Channel],
    };

    public static ApiAlertSummary Apply(AlertDeadLettered e, ApiAlertSummary alert) => alert with
    {
        LastDeliveryError = $"{e.Channel}: {e.Reason}",
        DeadLetteredChannels = alert.DeadLetteredChannels.Contains(e.Channel) ? alert.DeadLetteredChannels : [.. alert.DeadLetteredChannels, e.Channel],
    };

    public static ApiAlertSummary Apply(AlertDeliveryFailed e, ApiAlertSummary alert) =>
        alert with { DeliveryAttempts = Math.Max(alert.DeliveryAttempts, e.Attempt), LastDeliveryError = e.Reason };

    public static ApiAlertSummary Apply(AlertDeliverySkipped e, ApiAlertSummary alert) => alert with
    {
        SkipReason = $"{e.Channel}: {e.Reason}",
        SkippedChannels = alert.SkippedChannels.Contains(e.Channel) ? alert.SkippedChannels : [.. alert.SkippedChannels, e.Channel],
    };
}
