using Marten;
using MediaMonitor.Api.Http;
using MediaMonitor.ServiceDefaults.Subscriptions;

namespace MediaMonitor.Api.Subscriptions;

/// <summary>
/// POST /api/subscriptions/{id}/webhook-secret: a new signing secret, shown once (e.g. when the creation's 201 was lost
/// or the secret leaked). Alerting signs every delivery from then on with the new one only, retries of older alerts too.
/// </summary>
public static class WebhookSecretEndpoints
{
    public static RouteGroupBuilder MapWebhookSecretEndpoints(this RouteGroupBuilder subscriptions)
    {
        subscriptions.MapPost("/{id:guid}/webhook-secret", Rotate)
            .WithSummary("Replaces the subscription's webhook signing secret and returns the new one (shown once); the old one signs nothing more.");
        return subscriptions;
    }

    internal static async Task<IResult> Rotate(Guid id, HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var (stream, refusal) = await SubscriptionWrites.FetchOwnAsync(id, http, session, ct);
        if (stream is null)
        {
            return refusal!;
        }

        var stored = await SubscriptionWrites.SecretsAsync(stream.Aggregate!, http, session, ct);
        var secret = WebhookSecrets.NewSecret();
        var rotated = new RotateWebhookSecret(clock.GetUtcNow());
        return await SubscriptionWrites.DecideAsync(stream, rotated, http, session, ct, _ => Results.Ok(new RotatedWebhookSecret(id, secret, rotated.At)),
            stored with { WebhookSecret = secret });
    }
}

/// <summary>The new secret: the only time it is returned.</summary>
public sealed record RotatedWebhookSecret(Guid SubscriptionId, string WebhookSecret, DateTimeOffset RotatedAt);
