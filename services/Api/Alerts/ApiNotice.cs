using Marten.Events.Projections;
using MediaMonitor.Contracts.Alerting;

namespace MediaMonitor.Api.Alerts;

/// <summary>Read model of one digest or spike notice of a subscription: what it covered and on which channels it went out.</summary>
public sealed record ApiNotice
{
    public Guid Id { get; init; }

    public Guid SubscriptionId { get; init; }

    public string TenantId { get; init; } = "";

    /// <summary>"digest" or "spike".</summary>
    public string Kind { get; init; } = "";

    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Digest: the period covered. Spike: the hour measured.</summary>
    public DateTimeOffset PeriodStart { get; init; }

    public DateTimeOffset PeriodEnd { get; init; }

    /// <summary>Digest: its stories with copies and outlets.</summary>
    public IReadOnlyList<DigestItem> Stories { get; init; } = [];

    /// <summary>Spike: matches in the hour, the baseline's hourly mean and the threshold passed.</summary>
    public int? SpikeCount { get; init; }

    public double? BaselineMean { get; init; }

    public double? Threshold { get; init; }

    public IReadOnlyList<string> SentChannels { get; init; } = [];

    public IReadOnlyList<string> DeadLetteredChannels { get; init; } = [];

    /// <summary>The channels the notice was deliberately not sent on (the subscription was muted); LastDeliveryError says why.</summary>
    public IReadOnlyList<string> SkippedChannels { get; init; } = [];

    public string? LastDeliveryError { get; init; }
}

/// <summary>Folds digest streams (DigestCompiled, DigestSent) and spike streams (SpikeDetected, SpikeNotified) with their failures and skips into <see cref="ApiNotice"/>.</summary>
public sealed partial class ApiNoticeProjection : MultiStreamProjection<ApiNotice, Guid>
{
    public ApiNoticeProjection()
    {
        Identity<DigestCompiled>(e => e.DigestId);
        Identity<DigestSent>(e => e.DigestId);
        Identity<SpikeDetected>(e => e.SpikeId);
        Identity<SpikeNotified>(e => e.SpikeId);
        Identity<NotificationDeliveryFailed>(e => e.NotificationId);
        Identity<NotificationDeadLettered>(e => e.NotificationId);
        Identity<NotificationDeliverySkipped>(e => e.NotificationId);
    }

    public static ApiNotice Create(DigestCompiled e) => new()
    {
        Id = e.DigestId, SubscriptionId = e.SubscriptionId, TenantId = e.TenantId, Kind = "digest", CreatedAt = e.CompiledAt,
        PeriodStart = e.PeriodStart, PeriodEnd = e.PeriodEnd, Stories = e.Items,
    };

    public static ApiNotice Create(SpikeDetected e) => new()
    {
        Id = e.SpikeId, SubscriptionId = e.SubscriptionId, TenantId = e.TenantId, Kind = "spike", CreatedAt = e.DetectedAt,
        PeriodStart = e.WindowEnd.AddHours(-1), PeriodEnd = e.WindowEnd, SpikeCount = e.Count, BaselineMean = e.BaselineMean, Threshold = e.Threshold,
    };

    public static ApiNotice Apply(DigestSent e, ApiNotice notice) => Sent(notice, e.Channel);

    public static ApiNotice Apply(SpikeNotified e, ApiNotice notice) => Sent(notice, e.Channel);

    public static ApiNotice Apply(NotificationDeliveryFailed e, ApiNotice notice) => notice with { LastDeliveryError = $"{e.Channel}: {e.Reason}" };

    public static ApiNotice Apply(NotificationDeadLettered e, ApiNotice notice) => notice with
    {
        DeadLetteredChannels = notice.DeadLetteredChannels.Contains(e.Channel) ? notice.DeadLetteredChannels : [.. notice.DeadLetteredChannels, e.Channel],
        LastDeliveryError = $"{e.Channel}: {e.Reason}",
    };

    public static ApiNotice Apply(NotificationDeliverySkipped e, ApiNotice notice) => notice with
    {
        SkippedChannels = notice.SkippedChannels.Contains(e.Channel) ? notice.SkippedChannels : [.. notice.SkippedChannels, e.Channel],
        LastDeliveryError = $"{e.Channel}: {e.Reason}",
    };

    private static ApiNotice Sent(ApiNotice notice, string channel) =>
        notice.SentChannels.Contains(channel) ? notice : notice with { SentChannels = [.. notice.SentChannels, channel] };
}
