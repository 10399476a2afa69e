using Marten;
using MediaMonitor.Api.Http;
using MediaMonitor.Api.Queries;
using MediaMonitor.Api.Security;
using MediaMonitor.Api.Sources;
using MediaMonitor.Contracts.Api;
using MediaMonitor.Contracts;
using MediaMonitor.ServiceDefaults;
using MediaMonitor.ServiceDefaults.Secrets;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace MediaMonitor.Api.Subscriptions;

/// <summary>POST/GET /api/subscriptions: named queries that raise alerts.</summary>
public static class SubscriptionEndpoints
{
    public const int MaxNameLength = 200;
    public const int MaxIdempotencyKeyLength = 200;

    public static RouteGroupBuilder MapSubscriptionEndpoints(this IEndpointRouteBuilder api)
    {
        var subscriptions = api.MapGroup("/subscriptions").RequireAuthorization(TenantPrincipal.TenantPolicy).WithTags("Subscriptions");
        subscriptions.MapPost("", CreateSubscription)
            .WithSummary("Subscribes to a query of words and \"quoted phrases\" (all required). An Idempotency-Key header makes a retry return the first subscription (200).");
        subscriptions.MapGet("", ListSubscriptions).WithSummary("The tenant's subscriptions with id, name and query.");
        subscriptions.MapGet("/{id:guid}", GetSubscription)
            .WithSummary("One of the tenant's subscriptions; its ETag is the subscription's version, for If-Match on a change (a stale one answers 412).");
        return subscriptions;
    }

    internal static async Task<IResult> CreateSubscription(
        CreateSubscriptionRequest? request,
        [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey,
        HttpContext http,
        IDocumentSession session,
        IArticleQueryLanguage queryLanguage,
        TimeProvider clock,
        IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json,
        DeliveryAddresses addresses,
        SecretSealer sealer,
        ILogger<CreateSubscriptionRequest> logger,
        CancellationToken ct)
    {
        var name = request?.Name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > MaxNameLength)
        {
            return ApiProblems.BadRequest($"name is required (1-{MaxNameLength} characters)");
        }

        var query = request!.Query?.Trim();
        if (!queryLanguage.TryCompile(query, out _, out var queryError))
        {
            return QueryProblem.For(queryError);
        }

        string? webhook = null;
        if (!string.IsNullOrWhiteSpace(request.WebhookUrl) && !SourceUrl.TryNormalize(request.WebhookUrl, "webhookUrl", out webhook, out var webhookError))
        {
            return ApiProblems.BadRequest(webhookError);
        }

        if (!SubscriptionDeliveryRequest.TryParse(request.Email, request.SlackUrl, request.Immediate, request.Digest, request.Spike, webhook is not null,
                out var delivery, out var slack, out var deliveryError))
        {
            return ApiProblems.BadRequest(deliveryError);
        }

        if ((addresses.Refusal(webhook, "webhookUrl") ?? addresses.Refusal(slack, "slackUrl")) is { } refused)
        {
            logger.LogWarning("Refused a subscription of tenant {TenantId}: {Reason}", http.User.TenantId(), refused);
            return ApiProblems.BadRequest(refused);
        }

        if (idempotencyKey is { Length: > MaxIdempotencyKeyLength })
        {
            return ApiProblems.BadRequest($"Idempotency-Key is longer than {MaxIdempotencyKeyLength} characters");
        }

        var tenantId = http.User.TenantId();
        var id = string.IsNullOrWhiteSpace(idempotencyKey) ? Guid.CreateVersion7() : StreamIdentity.ForSubscription(tenantId, idempotencyKey.Trim());
        if (await session.LoadAsync<ApiSubscription>(id, ct) is { } existing)
        {
            return Results.Ok(existing);
        }

        // Each webhook gets its own signing secret, shown once in this response; Alerting signs every POST with it. It and
        // the Slack URL go sealed into a document written in the same transaction; the event carries only their version.
        var secrets = new DeliverySecrets(webhook is null ? null : WebhookSecrets.NewSecret(), slack);
        var now = clock.GetUtcNow();
        var created = new SubscriptionCreated(id, tenantId, name, query!, webhook, now, delivery, secrets.IsEmpty ? 0 : 1);
        session.Events.StartStream(id, created);
        if (!secrets.IsEmpty)
        {
            session.Store(DeliverySecret.Seal(sealer, id, tenantId, created.SecretVersion, secrets, now));
        }

        try
        {
            await session.SaveChangesAsync(ct);
        }
        catch (Exception e) when (WriteConflict.Is(e))
        {
            return Results.Ok(ApiSubscriptionProjection.Create(created));
        }

        SubscriptionETag.Set(http.Response, 1);
        BackfillLink.Set(http.Response, id, 1);
        return Results.Created($"/api/subscriptions/{id}", WebhookSecrets.WithSecretShownOnce(ApiSubscriptionProjection.Create(created), secrets.WebhookSecret, json.Value.SerializerOptions));
    }

    internal static async Task<IResult> ListSubscriptions(HttpContext http, IQuerySession session, CancellationToken ct)
    {
        var tenantId = http.User.TenantId();
        return Results.Ok(await session.Query<ApiSubscription>().Where(s => s.TenantId == tenantId).OrderBy(s => s.CreatedAt).ToListAsync(ct));
    }

    internal static async Task<IResult> GetSubscription(Guid id, HttpContext http, IQuerySession session, CancellationToken ct)
    {
        if (await FindOwnAsync(id, http, session, ct) is not { } subscription)
        {
            return ApiProblems.NotFound($"no subscription {id}");
        }

        // The version the read model was folded from (inline, so the same transaction): the ETag a change's If-Match gives back.
        if (await session.Events.FetchStreamStateAsync(id, ct) is { } stream)
        {
            SubscriptionETag.Set(http.Response, stream.Version);
        }

        return Results.Ok(subscription);
    }

    /// <summary>The subscription when it belongs to the caller's tenant; another tenant's id looks exactly like a missing one.</summary>
    internal static async Task<ApiSubscription?> FindOwnAsync(Guid id, HttpContext http, IQuerySession session, CancellationToken ct)
    {
        var subscription = await session.LoadAsync<ApiSubscription>(id, ct);
        return subscription is not null && subscription.TenantId == http.User.TenantId() ? subscription : null;
    }
}

/// <summary>The body of POST /api/subscriptions; the delivery options are validated by <see cref="SubscriptionDeliveryRequest"/>.</summary>
public sealed record CreateSubscriptionRequest(
    string? Name, string? Query, string? WebhookUrl, string? Email = null, string? SlackUrl = null, bool? Immediate = null, DigestRequest? Digest = null,
    SpikeRequest? Spike = null);
