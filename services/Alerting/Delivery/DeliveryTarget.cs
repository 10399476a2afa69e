using MediaMonitor.Alerting.Subscriptions;

namespace MediaMonitor.Alerting.Delivery;

/// <summary>One place a subscription is told things: a channel (webhook, slack, email) and its URL or address.</summary>
public sealed record DeliveryTarget(string Channel, string Address)
{
    public const string Webhook = "webhook";
    public const string Slack = "slack";
    public const string Email = "email";

    /// <summary>Every channel the subscription has, in a fixed order.</summary>
    public static IReadOnlyList<DeliveryTarget> All(Subscription subscription)
    {
        var targets = new List<DeliveryTarget>(3);
        if (!string.IsNullOrWhiteSpace(subscription.WebhookUrl))
        {
            targets.Add(new DeliveryTarget(Webhook, subscription.WebhookUrl));
        }

        // Events say only that there is a Slack channel (its host); the URL comes from the sealed secrets, filled in before a delivery.
        if (subscription.Delivery?.SlackHost is not null)
        {
            targets.Add(new DeliveryTarget(Slack, subscription.SlackUrl ?? ""));
        }

        if (subscription.Delivery?.Email is { Length: > 0 } email)
        {
            targets.Add(new DeliveryTarget(Email, email));
        }

        return targets;
    }

    /// <summary>The channels each alert is pushed to at once: none when the subscription asked for digests only.</summary>
    public static IReadOnlyList<DeliveryTarget> ForAlerts(Subscription subscription) =>
        subscription.Delivery is { Immediate: false } ? [] : All(subscription);

    public static DeliveryTarget? Find(Subscription? subscription, string channel) =>
        subscription is null ? null : All(subscription).FirstOrDefault(t => t.Channel == channel);

    /// <summary>Why the address can never work, or null when it looks deliverable.</summary>
    public string? Unusable() => Channel switch
    {
        Email => System.Net.Mail.MailAddress.TryCreate(Address, out _) ? null : $"the e-mail address '{Address}' is not valid",
        _ => Uri.TryCreate(Address, UriKind.Absolute, out var url) && url.Scheme is "http" or "https"
            ? null
            : $"the {Channel} URL '{Address}' is not an absolute http(s) URL",
    };
}
