using System.Collections.Concurrent;
using Marten;
using MediaMonitor.Alerting.Subscriptions;
using MediaMonitor.ServiceDefaults.Secrets;

namespace MediaMonitor.Alerting.Delivery;

/// <summary>
/// Opens a subscription's sealed delivery credentials (webhook signing secret, Slack URL) when it is delivered to,
/// keeping the opened ones per subscription until its events name a newer version (a rotation or a delivery change).
/// </summary>
public sealed class SubscriptionSecrets(IDocumentStore store, SecretSealer sealer)
{
    private readonly ConcurrentDictionary<Guid, (int Version, DeliverySecrets Secrets)> _opened = new();

    /// <summary>
    /// The subscription with WebhookSecret and SlackUrl filled in. Throws when its events name credentials the store
    /// does not hold (or the key cannot open): a webhook is never sent unsigned in place of a signed one.
    /// </summary>
    public async Task<Subscription> WithSecretsAsync(Subscription subscription, CancellationToken cancellationToken)
    {
        if (subscription.SecretVersion == 0)
        {
            return subscription;
        }

        if (!_opened.TryGetValue(subscription.Id, out var opened) || opened.Version < subscription.SecretVersion)
        {
            await using var session = store.QuerySession();
            var stored = await session.LoadAsync<DeliverySecret>(subscription.Id, cancellationToken);
            if (stored is null || stored.Version < subscription.SecretVersion)
            {
                throw new InvalidOperationException(
                    $"subscription {subscription.Id} names delivery secrets version {subscription.SecretVersion}, but the store holds {stored?.Version.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}");
            }

            opened = (stored.Version, stored.Open(sealer));
            _opened[subscription.Id] = opened;
        }

        // A newer version than the catalog knows (its change message is on the way) is the one to use: the old secret signs nothing more.
        return subscription with { WebhookSecret = opened.Secrets.WebhookSecret, SlackUrl = opened.Secrets.SlackUrl };
    }
}
