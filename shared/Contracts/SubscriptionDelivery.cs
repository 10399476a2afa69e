namespace MediaMonitor.Contracts;

/// <summary>
/// How a subscription wants to hear about its alerts besides its webhook: an e-mail address, a Slack incoming webhook,
/// whether each alert is pushed at once (Immediate), a periodic digest and spike alerts. Absent means webhook only, immediate.
/// </summary>
public sealed record SubscriptionDelivery(
    string? Email = null,
    string? SlackUrl = null,
    bool Immediate = true,
    DigestSchedule? Digest = null,
    SpikeWatch? Spike = null);
