using System.Text.Json.Nodes;
using Marten;
using MediaMonitor.Api.Http;
using MediaMonitor.ServiceDefaults.Subscriptions;

namespace MediaMonitor.Api.Subscriptions;

/// <summary>PATCH / PUT /api/subscriptions/{id}/delivery: change where and how a subscription is told (SubscriptionDeliveryChanged).</summary>
public static class SubscriptionDeliveryEndpoints
{
    public static RouteGroupBuilder MapSubscriptionDeliveryEndpoints(this RouteGroupBuilder subscriptions)
    {
        subscriptions.MapPatch("/{id:guid}/delivery", (Guid id, JsonObject? body, HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken ct) =>
                ChangeAsync(id, body, replace: false, http, session, clock, ct))
            .WithSummary("Changes the delivery settings (any of webhookUrl, email, slackUrl, immediate, digest, spike, rotateWebhookSecret) as a JSON merge patch: a field given replaces, null removes, an absent one is kept. The next alert, digest or spike notice uses them. A new webhook secret (a webhook where there was none, or rotateWebhookSecret=true) is shown once in the response.");
        subscriptions.MapPut("/{id:guid}/delivery", (Guid id, JsonObject? body, HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken ct) =>
                ChangeAsync(id, body, replace: true, http, session, clock, ct))
            .WithSummary("Replaces all delivery settings: a field left out means none (immediate: true). The webhook secret is kept unless the webhook is new or rotateWebhookSecret=true.");
        return subscriptions;
    }

    internal static async Task<IResult> ChangeAsync(
        Guid id, JsonObject? body, bool replace, HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var (stream, refusal) = await SubscriptionWrites.FetchOwnAsync(id, http, session, ct);
        if (stream is null)
        {
            return refusal!;
        }

        var state = stream.Aggregate!;
        var stored = await SubscriptionWrites.SecretsAsync(state, http, session, ct);
        var current = new DeliverySettings(state.WebhookUrl, stored.WebhookSecret, state.Delivery, stored.SlackUrl);
        if (!DeliveryChangeRequest.TryApply(body, current, replace, WebhookSecrets.NewSecret, out var next, out var error))
        {
            return ApiProblems.BadRequest(error);
        }

        var addresses = http.RequestServices.GetRequiredService<DeliveryAddresses>();
        if ((addresses.Refusal(next.WebhookUrl, "webhookUrl") ?? addresses.Refusal(next.SlackUrl, "slackUrl")) is { } refused)
        {
            return ApiProblems.BadRequest(refused);
        }

        var shownSecret = next.WebhookSecret != current.WebhookSecret ? next.WebhookSecret : null;
        var json = http.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        var secretsChanged = next.Secrets != stored;
        return await SubscriptionWrites.DecideAsync(stream, new ChangeSubscriptionDelivery(next.WebhookUrl, next.Delivery, secretsChanged, clock.GetUtcNow()),
            http, session, ct, changed => Results.Ok(WebhookSecrets.WithSecretShownOnce(changed, shownSecret, json)), secretsChanged ? next.Secrets : null);
    }
}
