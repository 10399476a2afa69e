using System.Text.Json.Nodes;
using MediaMonitor.Contracts.Api;
using MediaMonitor.ServiceDefaults.EventSchema;
using MediaMonitor.ServiceDefaults.Secrets;

namespace MediaMonitor.Api.Subscriptions;

/// <summary>One stored event body of a subscription stream: its sequence number, stored type name and JSON.</summary>
public sealed record StoredEventBody(long Sequence, string Type, JsonObject Data);

/// <summary>
/// What moving the secrets out of one subscription stream's old event bodies gives: the bodies rewritten (secret fields
/// removed, SecretVersion added, the Slack URL reduced to its host) and the credentials the stream ends with, under the
/// version its last body names. Pure: StoredSecretMove reads and writes the store.
/// </summary>
public sealed record StoredSecretRewrite(IReadOnlyList<StoredEventBody> Rewritten, DeliverySecrets Secrets, int Version, string TenantId)
{
    public const string WebhookSecretField = "WebhookSecret";
    public const string RotatedSecretField = "Secret";
    public const string SlackUrlField = "SlackUrl";

    public static readonly string[] Types =
        [StoredEventNames.Of<SubscriptionCreated>(), StoredEventNames.Of<SubscriptionDeliveryChanged>(), StoredEventNames.Of<WebhookSecretRotated>()];

    /// <summary>The bodies (in stream order, only those still holding a secret field) rewritten; each change of credentials is a new version.</summary>
    public static StoredSecretRewrite Of(IEnumerable<StoredEventBody> bodies)
    {
        var secrets = DeliverySecrets.None;
        var version = 0;
        var tenantId = "";
        var rewritten = new List<StoredEventBody>();
        foreach (var body in bodies)
        {
            var data = body.Data.DeepClone().AsObject();
            tenantId = data[nameof(SubscriptionCreated.TenantId)]?.GetValue<string>() ?? tenantId;
            var delivery = data["Delivery"] as JsonObject;
            var next = body.Type == StoredEventNames.Of<WebhookSecretRotated>()
                ? secrets with { WebhookSecret = Text(data, RotatedSecretField) }
                : new DeliverySecrets(Text(data, WebhookSecretField), delivery is null ? null : Text(delivery, SlackUrlField));
            if (next != secrets)
            {
                version++;
                secrets = next;
            }

            data.Remove(WebhookSecretField);
            data.Remove(RotatedSecretField);
            if (delivery is not null && delivery.Remove(SlackUrlField, out var slack))
            {
                delivery["SlackHost"] = SubscriptionDeliveryRequest.SlackHost(slack?.GetValue<string>());
            }

            data["SecretVersion"] = version;
            rewritten.Add(body with { Data = data });
        }

        return new StoredSecretRewrite(rewritten, secrets, version, tenantId);
    }

    private static string? Text(JsonObject data, string field) => data[field] is JsonValue v && v.TryGetValue<string>(out var s) && s.Length > 0 ? s : null;
}
