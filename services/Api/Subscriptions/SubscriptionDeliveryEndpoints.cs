using System.Text.Json.Nodes;
using Marten;
using MediaMonitor.Api.Http;
using MediaMonitor.Contracts;

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
        if (await SubscriptionEndpoints.FindOwnAsync(id, http, session, ct) is not { } subscription)
        {
            return ApiProblems.NotFound($"no subscription {id}");
        }

        var stream = await session.Events.FetchStreamAsync(id, token: ct);
        var current = DeliverySettings.Fold(stream.Select(e => e.Data));
        if (!DeliveryChangeRequest.TryApply(body, current, replace, WebhookSecrets.NewSecret, out var next, out var error))
        {
            return ApiProblems.BadRequest(error);
        }

        var addresses = http.RequestServices.GetRequiredService<DeliveryAddresses>();
        if ((addresses.Refusal(next.WebhookUrl, "webhookUrl") ?? addresses.Refusal(next.Delivery?.SlackUrl, "slackUrl")) is { } refused)
        {
            return ApiProblems.BadRequest(refused);
        }

        if (next == current)
        {
            return Results.Ok(subscription);
        }

        // Appended at the version read, so two concurrent changes cannot both start from the same settings.
        session.Events.Append(id, stream.Count + 1,
            new SubscriptionDeliveryChanged(id, subscription.TenantId, next.WebhookUrl, next.WebhookSecret, next.Delivery, clock.GetUtcNow()));
        try
        {
            await session.SaveChangesAsync(ct);
        }
        catch (Exception e) when (e is JasperFx.ConcurrencyException or JasperFx.Events.EventStreamUnexpectedMaxEventIdException)
        {
            return ApiProblems.Conflict("the subscription changed meanwhile; read it again and retry");
        }

        var changed = await session.LoadAsync<ApiSubscription>(id, ct);
        var shownSecret = next.WebhookSecret != current.WebhookSecret ? next.WebhookSecret : null;
        var json = http.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        return Results.Ok(WebhookSecrets.WithSecretShownOnce(changed!, shownSecret, json));
    }
}
