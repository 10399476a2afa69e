namespace MediaMonitor.Api;

/// <summary>The Api section of configuration (Api__Urls, Api__AdminKey, Api__MaxRequestBodyBytes ...).</summary>
public sealed class ApiOptions
{
    public const string Section = "Api";

    public const string DefaultUrls = "http://127.0.0.1:8080";

    /// <summary>Where the Api listens; when unset, ASPNETCORE_URLS or --urls, else <see cref="DefaultUrls"/>.</summary>
    public string? Urls { get; set; }

    /// <summary>The operator's key for POST /api/tenants; tenant creation is refused while it is unset.</summary>
    public string? AdminKey { get; set; }

    public long MaxRequestBodyBytes { get; set; } = 16 * 1024;

    public int MaxCoverageBuckets { get; set; } = 1000;

    /// <summary>
    /// Failed authentications (unknown, revoked or expired key, malformed header) one client address may make within
    /// <see cref="FailedAuthenticationWindowSeconds"/>; beyond it every keyed request from that address answers 429 with
    /// Retry-After, valid keys included, until the oldest failure leaves the window. 0 turns the throttle off.
    /// </summary>
    public int FailedAuthenticationLimit { get; set; } = 20;

    public int FailedAuthenticationWindowSeconds { get; set; } = 60;

    /// <summary>
    /// CIDR ranges a webhookUrl or slackUrl may name by literal address although they are loopback, private, link-local or
    /// metadata addresses (refused with 400 otherwise); empty in production, 127.0.0.1/32 for the demo and tests.
    /// Host names are checked when Alerting connects (Alerting:AllowedNetworks).
    /// </summary>
    public List<string> AllowedWebhookNetworks { get; set; } = [];
}
