using MediaMonitor.Contracts.Alerting;

namespace MediaMonitor.Alerting.Delivery;

/// <summary>
/// How delivery of one alert, digest or spike notice went on one channel, folded from its stream: when it started (the
/// retry window counts from then), the attempts, the outstanding claim and whether it is settled.
/// </summary>
public sealed record ChannelDelivery(
    string Channel,
    int Version,
    DateTimeOffset? StartedAt,
    bool Backfilled,
    bool Delivered,
    int FailedAttempts,
    DateTimeOffset? LastFailedAt,
    string? LastFailure,
    bool DeadLettered,
    bool Skipped,
    DeliveryClaimed? Claim)
{
    public static ChannelDelivery Empty(string channel) => new(channel, 0, null, false, false, 0, null, null, false, false, null);

    public static ChannelDelivery From(string channel, IEnumerable<object> events) => events.Aggregate(Empty(channel), Apply);

    public bool Settled => Delivered || DeadLettered || Skipped;

    public static ChannelDelivery Apply(ChannelDelivery state, object @event)
    {
        state = state with { Version = state.Version + 1 };
        return @event switch
        {
            AlertRaised r => state with { StartedAt = r.RaisedAt, Backfilled = r.Backfilled },
            DigestCompiled d => state with { StartedAt = d.CompiledAt },
            SpikeDetected s => state with { StartedAt = s.DetectedAt },
            DeliveryClaimed c when c.Channel == state.Channel => state with { Claim = c },
            AlertDelivered d when d.Channel == state.Channel => state with { Delivered = true },
            DigestSent d when d.Channel == state.Channel => state with { Delivered = true },
            SpikeNotified n when n.Channel == state.Channel => state with { Delivered = true },
            AlertDeliveryFailed f when f.Channel == state.Channel => Failed(state, f.FailedAt, f.Reason),
            NotificationDeliveryFailed f when f.Channel == state.Channel => Failed(state, f.FailedAt, f.Reason),
            AlertDeadLettered d when d.Channel == state.Channel => state with { DeadLettered = true },
            NotificationDeadLettered d when d.Channel == state.Channel => state with { DeadLettered = true },
            AlertDeliverySkipped s when s.Channel == state.Channel => state with { Skipped = true },
            NotificationDeliverySkipped s when s.Channel == state.Channel => state with { Skipped = true },
            _ => state,
        };
    }

    private static ChannelDelivery Failed(ChannelDelivery state, DateTimeOffset at, string reason) =>
        state with { FailedAttempts = state.FailedAttempts + 1, LastFailedAt = at, LastFailure = reason, Claim = null };
}
