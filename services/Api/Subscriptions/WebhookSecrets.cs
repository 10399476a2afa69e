using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MediaMonitor.Api.Subscriptions;

/// <summary>Per-subscription webhook signing secrets: generated at creation, returned once, never listed again.</summary>
public static class WebhookSecrets
{
    public const string Prefix = "whsec_";

    public static string NewSecret() => Prefix + Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    /// <summary>The created subscription as JSON (with the app's options, so enums read as names like everywhere else) with its webhookSecret added (absent when there is no webhook).</summary>
    public static JsonObject WithSecretShownOnce(ApiSubscription subscription, string? secret, JsonSerializerOptions options)
    {
        var json = JsonSerializer.SerializeToNode(subscription, options)!.AsObject();
        if (secret is not null)
        {
            json["webhookSecret"] = secret;
        }

        return json;
    }

    private static string Base64UrlEncode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
