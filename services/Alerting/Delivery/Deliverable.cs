using MediaMonitor.Alerting.Alerts;
using MediaMonitor.Alerting.Digests;
using MediaMonitor.Alerting.Spikes;
using MediaMonitor.Alerting.Subscriptions;
using MediaMonitor.Contracts.Alerting;

namespace MediaMonitor.Alerting.Delivery;

/// <summary>What a delivery stream holds (an alert, a digest or a spike notice): how it reads as a message and how its outcomes are recorded.</summary>
public abstract record Deliverable(Guid StreamId)
{
    /// <summary>The deliverable of a stream, from its first event; null for a stream that is none of these.</summary>
    public static Deliverable? From(Guid streamId, IReadOnlyList<object> events) => events.Count == 0 ? null : events[0] switch
    {
        AlertRaised => new AlertDeliverable(AlertState.From(streamId, events)),
        DigestCompiled d => new DigestDeliverable(d),
        SpikeDetected s => new SpikeDeliverable(s),
        _ => null,
    };

    /// <summary>The message, or null when there is nothing to say (an empty digest).</summary>
    public abstract OutgoingMessage? Compose(Subscription subscription);

    public abstract object Delivered(string channel, int attempt, DateTimeOffset at);

    public virtual object Failed(string channel, int attempt, string reason, DateTimeOffset at) =>
        new NotificationDeliveryFailed(StreamId, channel, attempt, reason, at);

    public virtual object DeadLettered(string channel, int attempts, string reason, DateTimeOffset at) =>
        new NotificationDeadLettered(StreamId, channel, attempts, reason, at);

    /// <summary>Deliberately not sent (muted, over the hourly limit), with the reason.</summary>
    public virtual object Skipped(string channel, string reason, DateTimeOffset at) => new NotificationDeliverySkipped(StreamId, channel, reason, at);
}

/// <summary>An alert: recorded with AlertDelivered / AlertDeliveryFailed / AlertDeadLettered.</summary>
public sealed record AlertDeliverable(AlertState Alert) : Deliverable(Alert.AlertId)
{
    public override OutgoingMessage? Compose(Subscription subscription) => AlertMessage.Compose(Alert, subscription);

    public override object Delivered(string channel, int attempt, DateTimeOffset at) => new AlertDelivered(StreamId, channel, attempt, at);

    public override object Failed(string channel, int attempt, string reason, DateTimeOffset at) => new AlertDeliveryFailed(StreamId, channel, attempt, reason, at);

    public override object DeadLettered(string channel, int attempts, string reason, DateTimeOffset at) =>
        new AlertDeadLettered(StreamId, channel, attempts, reason, at);

    public override object Skipped(string channel, string reason, DateTimeOffset at) => new AlertDeliverySkipped(StreamId, channel, reason, at);
}

/// <summary>A digest: recorded with DigestSent (the period and the number of stories).</summary>
public sealed record DigestDeliverable(DigestCompiled Digest) : Deliverable(Digest.DigestId)
{
    public override OutgoingMessage? Compose(Subscription subscription) => DigestMessage.Compose(Digest, subscription);

    public override object Delivered(string channel, int attempt, DateTimeOffset at) =>
        new DigestSent(StreamId, Digest.SubscriptionId, channel, Digest.PeriodStart, Digest.PeriodEnd, Digest.Items.Count, attempt, at);
}

/// <summary>A spike notice: recorded with SpikeNotified.</summary>
public sealed record SpikeDeliverable(SpikeDetected Spike) : Deliverable(Spike.SpikeId)
{
    public override OutgoingMessage? Compose(Subscription subscription) => SpikeMessage.Compose(Spike, subscription);

    public override object Delivered(string channel, int attempt, DateTimeOffset at) =>
        new SpikeNotified(StreamId, Spike.SubscriptionId, channel, Spike.Count, attempt, at);
}
