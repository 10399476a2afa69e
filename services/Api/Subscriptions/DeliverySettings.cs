using MediaMonitor.Contracts;

namespace MediaMonitor.Api.Subscriptions;

/// <summary>
/// A subscription's delivery settings as its stream leaves them (SubscriptionCreated, then each SubscriptionDeliveryChanged
/// replaces them whole; WebhookSecretRotated replaces the secret). The read model hides the Slack URL and the webhook secret, so a change starts from this fold.
/// </summary>
public sealed record DeliverySettings(string? WebhookUrl, string? WebhookSecret, SubscriptionDelivery? Delivery)
{
    public static DeliverySettings Fold(IEnumerable<object> events)
    {
        var settings = new DeliverySettings(null, null, null);
        foreach (var e in events)
        {
            settings = e switch
            {
                SubscriptionCreated c => new DeliverySettings(c.WebhookUrl, c.WebhookSecret, c.Delivery),
                SubscriptionDeliveryChanged d => new DeliverySettings(d.WebhookUrl, d.WebhookSecret, d.Delivery),
                WebhookSecretRotated r => settings with { WebhookSecret = r.Secret },
                _ => settings,
            };
        }

        return settings;
    }
}
