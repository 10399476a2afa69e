using MediaMonitor.Contracts.Api;

namespace MediaMonitor.ServiceDefaults.Subscriptions;

/// <summary>A change asked of an existing subscription; the endpoint has validated its input, the decider its effect.</summary>
public abstract record SubscriptionCommand(DateTimeOffset At);

public sealed record ChangeSubscriptionQuery(string Query, DateTimeOffset At) : SubscriptionCommand(At);

/// <summary>KeepRecording: mute (alerts recorded, not pushed) instead of pause (nothing raised).</summary>
public sealed record PauseSubscription(DateTimeOffset? Until, string? Reason, bool KeepRecording, DateTimeOffset At) : SubscriptionCommand(At);

public sealed record ResumeSubscription(DateTimeOffset At) : SubscriptionCommand(At);

/// <summary>
/// The whole delivery settings after the change (a merge patch already applied to the current ones). SecretsChanged: the
/// signing secret or the Slack URL differs from the stored ones, so the credentials get a new version (the caller stores
/// them under it; the decider never sees a secret).
/// </summary>
public sealed record ChangeSubscriptionDelivery(string? WebhookUrl, SubscriptionDelivery? Delivery, bool SecretsChanged, DateTimeOffset At)
    : SubscriptionCommand(At);

/// <summary>A new webhook signing secret: the credentials get a new version (the caller stores the secret under it).</summary>
public sealed record RotateWebhookSecret(DateTimeOffset At) : SubscriptionCommand(At);

/// <summary>A command the subscription's state refuses (answered 409).</summary>
public sealed class SubscriptionRuleBroken(string message) : InvalidOperationException(message);

/// <summary>
/// Every rule for changing a subscription, as one pure function: the events a command adds to the stream in a given
/// state (none when it changes nothing). The Api appends them at the version the state was folded from.
/// </summary>
public static class SubscriptionDecider
{
    public static IReadOnlyList<object> Decide(SubscriptionState state, SubscriptionCommand command) => command switch
    {
        ChangeSubscriptionQuery c when c.Query == state.Query => [],
        ChangeSubscriptionQuery c => [new SubscriptionQueryChanged(state.Id, state.TenantId, c.Query, state.Query, c.At)],
        PauseSubscription p => [new SubscriptionPaused(state.Id, state.TenantId, p.Until, p.Reason, p.At, StopsMatching: !p.KeepRecording)],
        ResumeSubscription when !state.Paused && !state.Muted => [],
        ResumeSubscription r => [new SubscriptionResumed(state.Id, state.TenantId, r.At)],
        ChangeSubscriptionDelivery d when d.WebhookUrl == state.WebhookUrl && !d.SecretsChanged && d.Delivery == state.Delivery => [],
        ChangeSubscriptionDelivery d => [new SubscriptionDeliveryChanged(state.Id, state.TenantId, d.WebhookUrl, d.Delivery, d.At,
            d.SecretsChanged ? state.SecretVersion + 1 : state.SecretVersion)],
        RotateWebhookSecret when state.WebhookUrl is null => throw new SubscriptionRuleBroken("the subscription has no webhook, so it has no signing secret"),
        RotateWebhookSecret r => [new WebhookSecretRotated(state.Id, state.TenantId, r.At, state.SecretVersion + 1)],
        _ => throw new ArgumentOutOfRangeException(nameof(command), command.GetType().Name, "unknown subscription command"),
    };

    /// <summary>The credentials version the events leave (null when none of them changes it): the version new secrets are stored under.</summary>
    public static int? NewSecretVersion(IEnumerable<object> events) => events.Aggregate((int?)null, (version, e) => e switch
    {
        SubscriptionCreated { SecretVersion: > 0 } c => c.SecretVersion,
        SubscriptionDeliveryChanged d => d.SecretVersion,
        WebhookSecretRotated r => r.SecretVersion,
        _ => version,
    });
}
