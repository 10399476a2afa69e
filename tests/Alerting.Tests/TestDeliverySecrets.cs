using MediaMonitor.ServiceDefaults.Secrets;

namespace MediaMonitor.Alerting.Tests;

/// <summary>Stores a subscription's delivery credentials sealed, as the Api does beside the event that names their version.</summary>
internal static class TestDeliverySecrets
{
    public static readonly SecretSealer Sealer = new(Convert.FromBase64String(TestServers.SecretsKey));

    public static void Store(IDocumentSession session, Guid subscriptionId, int version, string? webhookSecret, string? slackUrl = null) =>
        session.Store(DeliverySecret.Seal(Sealer, subscriptionId, "tenant-a", version, new DeliverySecrets(webhookSecret, slackUrl), DateTimeOffset.UtcNow));
}
