using Microsoft.Extensions.Options;

namespace MediaMonitor.ServiceDefaults.Secrets;

/// <summary>The Secrets section: the key delivery secrets are sealed with (Api and Alerting only).</summary>
public sealed class SecretsOptions
{
    public const string Section = "Secrets";

    /// <summary>32 random bytes, base64 (e.g. <c>openssl rand -base64 32</c>); the same in the Api and Alerting.</summary>
    public string? Key { get; set; }

    /// <summary>The Api moves secrets out of stored events written before they were kept in documents, once at startup (idempotent).</summary>
    public bool MoveStoredSecrets { get; set; } = true;

    /// <summary>The key's bytes, or null with the reason it is unusable.</summary>
    public (byte[]? Key, string? Error) KeyBytes()
    {
        const string how = "Secrets:Key (environment Secrets__Key) must be 32 random bytes in base64, e.g. from `openssl rand -base64 32`; " +
            "webhook signing secrets and Slack URLs are sealed with it";
        if (string.IsNullOrWhiteSpace(Key))
        {
            return (null, how + ", and it is not set");
        }

        try
        {
            var bytes = Convert.FromBase64String(Key.Trim());
            return bytes.Length == SecretSealer.KeyBytes ? (bytes, null) : (null, $"{how}, but it holds {bytes.Length} bytes");
        }
        catch (FormatException)
        {
            return (null, how + ", but it is not base64");
        }
    }
}

/// <summary>Refuses to start without a usable key, rather than failing on the first subscription.</summary>
public sealed class SecretsOptionsValidation : IValidateOptions<SecretsOptions>
{
    public ValidateOptionsResult Validate(string? name, SecretsOptions options) =>
        options.KeyBytes().Error is { } error ? ValidateOptionsResult.Fail(error) : ValidateOptionsResult.Success;
}
