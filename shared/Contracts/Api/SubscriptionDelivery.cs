namespace MediaMonitor.Contracts.Api;

/// <summary>
/// How a subscription wants to hear about its alerts besides its webhook: an e-mail address, a Slack incoming webhook,
/// whether each alert is pushed at once (Immediate), a periodic digest and spike alerts. Absent means webhook only, immediate.
/// SlackHost is the Slack URL's host only (e.g. hooks.slack.com), set when there is a Slack channel: the URL's path is a
/// credential and is kept sealed with the webhook secret (SecretVersion), never in an event.
/// </summary>
public sealed record SubscriptionDelivery(
    string? Email = null,
    string? SlackHost = null,
    bool Immediate = true,
    DigestSchedule? Digest = null,
    SpikeWatch? Spike = null);
