using MediaMonitor.ServiceDefaults.Network;

namespace MediaMonitor.Api.Subscriptions;

/// <summary>
/// The Api's half of the SSRF guard for webhook and Slack URLs: a URL naming a loopback, private, link-local or metadata
/// address (literally, or as localhost) is refused with 400 unless Api:AllowedWebhookNetworks lets it through. Host names
/// are not resolved here: Alerting checks the resolved address on every connection.
/// </summary>
public sealed class DeliveryAddresses(NetworkGuard guard)
{
    /// <summary>Null when <paramref name="url"/> (already a normalized absolute http/https URL, or null) may be stored; otherwise why not.</summary>
    public string? Refusal(string? url, string field)
    {
        if (url is null || !Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return null;
        }

        return guard.RefusalWithoutDns(uri) is { } refusal
            ? $"{field} must point at a public address, but {refusal}; deliveries never go to internal networks"
            : null;
    }
}
