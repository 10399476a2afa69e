using JasperFx.Events;
using Marten;
using Marten.Events;
using MediaMonitor.Api.Http;
using MediaMonitor.Api.Security;
using MediaMonitor.Contracts.Api;
using MediaMonitor.ServiceDefaults;
using MediaMonitor.ServiceDefaults.Secrets;
using MediaMonitor.ServiceDefaults.Subscriptions;

namespace MediaMonitor.Api.Subscriptions;

/// <summary>
/// The one write path of an existing subscription (Helpdesk shape): fetch the stream for writing, check the caller's
/// If-Match against its version, decide, append at that version. Two writers that read the same version cannot both
/// append: the second gets 412 (with If-Match) or 409 (without), never a change made on a state it did not see.
/// </summary>
internal static class SubscriptionWrites
{
    /// <summary>The caller's subscription fetched for writing, or the answer (404, 412) that ends the request.</summary>
    public static async Task<(IEventStream<SubscriptionState>? Stream, IResult? Refusal)> FetchOwnAsync(
        Guid id, HttpContext http, IDocumentSession session, CancellationToken ct)
    {
        var stream = await session.Events.FetchForWriting<SubscriptionState>(id, ct);
        if (stream.Aggregate is not { } state || state.TenantId != http.User.TenantId())
        {
            return (null, ApiProblems.NotFound($"no subscription {id}"));
        }

        var version = stream.CurrentVersion ?? 0;
        return SubscriptionETag.Matches(http.Request, version)
            ? (stream, null)
            : (null, Stale(http, version));
    }

    /// <summary>The subscription's delivery credentials, opened from its sealed document (none when its events name no version).</summary>
    public static async Task<DeliverySecrets> SecretsAsync(SubscriptionState state, HttpContext http, IDocumentSession session, CancellationToken ct)
    {
        if (state.SecretVersion == 0 || await session.LoadAsync<DeliverySecret>(state.Id, ct) is not { } stored)
        {
            return DeliverySecrets.None;
        }

        return stored.Open(http.RequestServices.GetRequiredService<SecretSealer>());
    }

    /// <summary>
    /// Decides the command on the fetched state and appends the events at the fetched version. <paramref name="secrets"/>,
    /// when the events give the credentials a new version, are sealed into the subscription's document in the same transaction.
    /// </summary>
    public static async Task<IResult> DecideAsync(
        IEventStream<SubscriptionState> stream, SubscriptionCommand command, HttpContext http, IDocumentSession session, CancellationToken ct,
        Func<ApiSubscription, IResult>? respond = null, DeliverySecrets? secrets = null)
    {
        IReadOnlyList<object> events;
        try
        {
            events = SubscriptionDecider.Decide(stream.Aggregate!, command);
        }
        catch (SubscriptionRuleBroken broken)
        {
            return ApiProblems.Conflict(broken.Message);
        }

        var version = stream.CurrentVersion ?? 0;
        if (events.Count > 0)
        {
            stream.AppendMany(events);
            if (secrets is not null && SubscriptionDecider.NewSecretVersion(events) is { } secretVersion && secretVersion > stream.Aggregate!.SecretVersion)
            {
                var sealer = http.RequestServices.GetRequiredService<SecretSealer>();
                session.Store(DeliverySecret.Seal(sealer, stream.Id, stream.Aggregate.TenantId, secretVersion, secrets, command.At));
            }

            try
            {
                await session.SaveChangesAsync(ct);
            }
            catch (Exception e) when (WriteConflict.Is(e))
            {
                return SubscriptionETag.IsGiven(http.Request)
                    ? Stale(http, null)
                    : ApiProblems.Conflict("the subscription changed meanwhile; read it again and retry");
            }

            var changed = events.ToList().FindIndex(e => e is SubscriptionQueryChanged);
            if (changed >= 0)
            {
                BackfillLink.Set(http.Response, stream.Id, version + changed + 1);
            }

            version += events.Count;
        }

        SubscriptionETag.Set(http.Response, version);
        var subscription = await session.LoadAsync<ApiSubscription>(stream.Id, ct);
        return respond is null ? Results.Ok(subscription) : respond(subscription!);
    }

    private static IResult Stale(HttpContext http, long? current)
    {
        if (current is { } v)
        {
            SubscriptionETag.Set(http.Response, v);
        }

        return Results.Problem(title: "Precondition failed",
            detail: "the subscription changed since the version in If-Match; read it again (GET returns its ETag) and retry",
            statusCode: StatusCodes.Status412PreconditionFailed);
    }
}
