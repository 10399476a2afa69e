using Marten;
using MediaMonitor.Api.Http;
using MediaMonitor.Api.Queries;
using MediaMonitor.ServiceDefaults.Subscriptions;

namespace MediaMonitor.Api.Subscriptions;

/// <summary>PUT/PATCH /api/subscriptions/{id} (a new query), POST .../pause and .../resume; each takes If-Match (SubscriptionWrites).</summary>
public static class SubscriptionChangeEndpoints
{
    public const int MaxReasonLength = 500;

    public static RouteGroupBuilder MapSubscriptionChangeEndpoints(this RouteGroupBuilder subscriptions)
    {
        subscriptions.MapMethods("/{id:guid}", ["PUT", "PATCH"], ChangeQuery)
            .WithSummary("Replaces the subscription's query (body {\"query\": ...}): new articles match the new query at once, and the stored history is backfilled with it. A query that does not parse answers 400 with the position.");
        subscriptions.MapPost("/{id:guid}/pause", Pause)
            .WithSummary("Pauses the subscription (optional body {\"until\", \"reason\", \"keepRecording\"}): it raises nothing until resumed or until 'until'. keepRecording=true mutes instead: alerts are recorded but not pushed.");
        subscriptions.MapPost("/{id:guid}/resume", Resume).WithSummary("Ends a pause or mute.");
        return subscriptions;
    }

    internal static async Task<IResult> ChangeQuery(
        Guid id, ChangeSubscriptionQueryRequest? request, HttpContext http, IDocumentSession session, IArticleQueryLanguage queryLanguage, TimeProvider clock,
        CancellationToken ct)
    {
        var (stream, refusal) = await SubscriptionWrites.FetchOwnAsync(id, http, session, ct);
        if (stream is null)
        {
            return refusal!;
        }

        var query = request?.Query?.Trim();
        if (!queryLanguage.TryCompile(query, out _, out var error))
        {
            return QueryProblem.For(error);
        }

        return await SubscriptionWrites.DecideAsync(stream, new ChangeSubscriptionQuery(query!, clock.GetUtcNow()), http, session, ct);
    }

    internal static async Task<IResult> Pause(
        Guid id, PauseSubscriptionRequest? request, HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var (stream, refusal) = await SubscriptionWrites.FetchOwnAsync(id, http, session, ct);
        if (stream is null)
        {
            return refusal!;
        }

        var now = clock.GetUtcNow();
        if (request?.Until is { } until && until <= now)
        {
            return ApiProblems.BadRequest("until must be in the future");
        }

        var reason = request?.Reason?.Trim();
        if (reason is { Length: > MaxReasonLength })
        {
            return ApiProblems.BadRequest($"reason is longer than {MaxReasonLength} characters");
        }

        var command = new PauseSubscription(request?.Until, string.IsNullOrEmpty(reason) ? null : reason, request?.KeepRecording == true, now);
        return await SubscriptionWrites.DecideAsync(stream, command, http, session, ct);
    }

    internal static async Task<IResult> Resume(Guid id, HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var (stream, refusal) = await SubscriptionWrites.FetchOwnAsync(id, http, session, ct);
        return stream is null ? refusal! : await SubscriptionWrites.DecideAsync(stream, new ResumeSubscription(clock.GetUtcNow()), http, session, ct);
    }
}

public sealed record ChangeSubscriptionQueryRequest(string? Query);

/// <summary>KeepRecording: mute (alerts recorded, not pushed) instead of pause (nothing raised).</summary>
public sealed record PauseSubscriptionRequest(DateTimeOffset? Until, string? Reason, bool? KeepRecording);
