using MediaMonitor.Contracts.Api;
using MediaMonitor.ServiceDefaults.Secrets;

namespace MediaMonitor.Api.Subscriptions;

/// <summary>
/// A subscription's delivery settings with its credentials in plain text: the webhook URL and options from its stream
/// (SubscriptionState), the signing secret and the Slack URL from its sealed DeliverySecret document. A change starts from these.
/// </summary>
public sealed record DeliverySettings(string? WebhookUrl, string? WebhookSecret, SubscriptionDelivery? Delivery, string? SlackUrl = null)
{
    public DeliverySecrets Secrets => new(WebhookSecret, SlackUrl);
}
