using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Nodes;
using MediaMonitor.Api.Sources;
using MediaMonitor.Contracts.Api;

namespace MediaMonitor.Api.Subscriptions;

/// <summary>
/// The body of PATCH / PUT /api/subscriptions/{id}/delivery applied to the current settings. PATCH is a JSON merge patch:
/// a field given replaces, null (or "") removes, an absent one is kept. PUT replaces all: an absent field means none
/// (immediate: true). rotateWebhookSecret=true issues a new signing secret; a webhook added where there was none gets one too.
/// </summary>
public static class DeliveryChangeRequest
{
    public static readonly string[] Fields = ["webhookUrl", "email", "slackUrl", "immediate", "digest", "spike", "rotateWebhookSecret"];

    /// <summary>The settings after the change, or the reason it is refused. <paramref name="newSecret"/> is called only when a new secret is due.</summary>
    public static bool TryApply(
        JsonObject? body, DeliverySettings current, bool replace, Func<string> newSecret, [NotNullWhen(true)] out DeliverySettings? next,
        [NotNullWhen(false)] out string? error)
    {
        next = null;
        if (body is null || body.Count == 0)
        {
            error = "the body must be a JSON object with any of " + string.Join(", ", Fields);
            return false;
        }

        var fields = new Dictionary<string, JsonNode?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in body)
        {
            if (!Fields.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                error = $"unknown field '{name}'; a delivery change may carry " + string.Join(", ", Fields);
                return false;
            }

            if (!fields.TryAdd(name, value))
            {
                error = $"the field '{name}' is given twice";
                return false;
            }
        }

        var was = current.Delivery;
        string? webhook = replace ? null : current.WebhookUrl;
        string? email = replace ? null : was?.Email;
        string? slack = replace ? null : current.SlackUrl;
        var immediate = replace || (was?.Immediate ?? true);
        var digest = replace ? null : was?.Digest;
        var spike = replace ? null : was?.Spike;
        var rotate = false;

        if (fields.TryGetValue("webhookUrl", out var node) && !TryUrl(node, "webhookUrl", out webhook, out error)
            || fields.TryGetValue("slackUrl", out node) && !TryUrl(node, "slackUrl", out slack, out error)
            || fields.TryGetValue("email", out node) && !TryEmail(node, out email, out error)
            || fields.TryGetValue("immediate", out node) && !TryBool(node, "immediate", true, out immediate, out error)
            || fields.TryGetValue("rotateWebhookSecret", out node) && !TryBool(node, "rotateWebhookSecret", false, out rotate, out error)
            || fields.TryGetValue("digest", out node) && !TryDigest(node, out digest, out error)
            || fields.TryGetValue("spike", out node) && !TrySpike(node, out spike, out error))
        {
            return false;
        }

        if (rotate && webhook is null)
        {
            error = "rotateWebhookSecret needs a webhookUrl";
            return false;
        }

        if (!SubscriptionDeliveryRequest.TryCombine(email, slack, immediate, digest, spike, webhook is not null, out var delivery, out error))
        {
            return false;
        }

        var secret = webhook is null ? null : rotate || current.WebhookSecret is null ? newSecret() : current.WebhookSecret;
        next = new DeliverySettings(webhook, secret, delivery, slack);
        return true;
    }

    private static bool TryUrl(JsonNode? node, string field, out string? url, [NotNullWhen(false)] out string? error)
    {
        url = null;
        if (!TryText(node, field, out var text, out error) || text is null)
        {
            return error is null;
        }

        return SourceUrl.TryNormalize(text, field, out url, out error);
    }

    private static bool TryEmail(JsonNode? node, out string? address, [NotNullWhen(false)] out string? error)
    {
        address = null;
        if (!TryText(node, "email", out var text, out error) || text is null)
        {
            return error is null;
        }

        return SubscriptionDeliveryRequest.TryEmail(text, out address, out error);
    }

    /// <summary>The trimmed text, or null for null / blank; false with the error for anything but a string.</summary>
    private static bool TryText(JsonNode? node, string field, out string? text, out string? error)
    {
        text = null;
        error = null;
        if (node is null)
        {
            return true;
        }

        if (node is not JsonValue value || !value.TryGetValue<string>(out var s))
        {
            error = $"{field} must be a string or null";
            return false;
        }

        text = string.IsNullOrWhiteSpace(s) ? null : s.Trim();
        return true;
    }

    private static bool TryBool(JsonNode? node, string field, bool whenNull, out bool flag, [NotNullWhen(false)] out string? error)
    {
        flag = whenNull;
        error = null;
        if (node is null)
        {
            return true;
        }

        if (node is JsonValue value && value.TryGetValue<bool>(out flag))
        {
            return true;
        }

        error = $"{field} must be true or false";
        return false;
    }

    private static bool TryDigest(JsonNode? node, out DigestSchedule? schedule, [NotNullWhen(false)] out string? error)
    {
        schedule = null;
        error = null;
        if (node is null)
        {
            return true;
        }

        if (!TryObject<DigestRequest>(node, "digest", "{\"frequency\", \"time\", \"timeZone\", \"day\"}", out var request, out error)
            || !SubscriptionDeliveryRequest.TryDigest(request, out var parsed, out error))
        {
            return false;
        }

        schedule = parsed;
        return true;
    }

    private static bool TrySpike(JsonNode? node, out SpikeWatch? watch, [NotNullWhen(false)] out string? error)
    {
        watch = null;
        error = null;
        if (node is null)
        {
            return true;
        }

        if (!TryObject<SpikeRequest>(node, "spike", "{\"sigmas\", \"minimumCount\"}", out var request, out error)
            || !SubscriptionDeliveryRequest.TrySpike(request, out var parsed, out error))
        {
            return false;
        }

        watch = parsed;
        return true;
    }

    private static bool TryObject<T>(JsonNode node, string field, string shape, [NotNullWhen(true)] out T? request, [NotNullWhen(false)] out string? error)
        where T : class
    {
        request = null;
        error = $"{field} must be null or an object {shape}";
        if (node is not JsonObject)
        {
            return false;
        }

        try
        {
            request = node.Deserialize<T>(JsonSerializerOptions.Web);
        }
        catch (JsonException)
        {
            return false;
        }

        if (request is null)
        {
            return false;
        }

        error = null;
        return true;
    }
}
