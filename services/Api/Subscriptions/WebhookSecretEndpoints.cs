using Marten;
using MediaMonitor.Api.Http;
using MediaMonitor.Contracts;

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
        if (await SubscriptionEndpoints.FindOwnAsync(id, http, session, ct) is not { } subscription)
        {
            return ApiProblems.NotFound($"no subscription {id}");
        }

        if (subscription.WebhookUrl is null)
        {
            return ApiProblems.Conflict("the subscription has no webhook, so it has no signing secret");
        }

        var rotated = new WebhookSecretRotated(id, subscription.TenantId, WebhookSecrets.NewSecret(), clock.GetUtcNow());
        session.Events.Append(id, rotated);
        await session.SaveChangesAsync(ct);
        return Results.Ok(new RotatedWebhookSecret(id, rotated.Secret, rotated.RotatedAt));
    }
}

/// <summary>The new secret: the only time it is returned.</summary>
public sealed record RotatedWebhookSecret(Guid SubscriptionId, string WebhookSecret, DateTimeOffset RotatedAt);
