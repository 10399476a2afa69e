namespace MediaMonitor.ServiceDefaults.Secrets;

/// <summary>A subscription's delivery credentials in plain text: only in memory, never in an event or a message.</summary>
public sealed record DeliverySecrets(string? WebhookSecret, string? SlackUrl)
{
    public static readonly DeliverySecrets None = new(null, null);

    public bool IsEmpty => WebhookSecret is null && SlackUrl is null;
}

/// <summary>
/// The document that holds a subscription's delivery credentials (id = subscription id), sealed with the configured key.
/// The subscription's events carry only <see cref="Version"/> (SecretVersion): the log is immutable and relayed to the
/// bus, so a secret there would be kept and copied for ever. The Api writes it in the transaction that appends the event
/// with the same version; Alerting reads it when it delivers.
/// </summary>
public sealed class DeliverySecret
{
    public Guid Id { get; set; }

    public string TenantId { get; set; } = "";

    public int Version { get; set; }

    /// <summary>Sealed webhook signing secret, or null.</summary>
    public string? WebhookSecret { get; set; }

    /// <summary>Sealed Slack incoming-webhook URL (its path is the credential), or null.</summary>
    public string? SlackUrl { get; set; }

    public DateTimeOffset ChangedAt { get; set; }

    public static DeliverySecret Seal(SecretSealer sealer, Guid subscriptionId, string tenantId, int version, DeliverySecrets secrets, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(sealer);
        ArgumentNullException.ThrowIfNull(secrets);
        return new DeliverySecret
        {
            Id = subscriptionId,
            TenantId = tenantId,
            Version = version,
            WebhookSecret = secrets.WebhookSecret is { } w ? sealer.Seal(w, Context(subscriptionId, "webhook")) : null,
            SlackUrl = secrets.SlackUrl is { } s ? sealer.Seal(s, Context(subscriptionId, "slack")) : null,
            ChangedAt = at,
        };
    }

    public DeliverySecrets Open(SecretSealer sealer)
    {
        ArgumentNullException.ThrowIfNull(sealer);
        return new DeliverySecrets(
            WebhookSecret is { } w ? sealer.Open(w, Context(Id, "webhook")) : null,
            SlackUrl is { } s ? sealer.Open(s, Context(Id, "slack")) : null);
    }

    private static string Context(Guid subscriptionId, string field) => $"{subscriptionId:N}/{field}";
}
