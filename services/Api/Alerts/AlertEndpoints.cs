using Marten;
using MediaMonitor.Api.Http;
using MediaMonitor.Api.Subscriptions;

namespace MediaMonitor.Api.Alerts;

/// <summary>GET /api/subscriptions/{id}/alerts and /notices.</summary>
public static class AlertEndpoints
{
    public static void MapAlertEndpoints(this RouteGroupBuilder subscriptions)
    {
        subscriptions.MapGet("/{id:guid}/alerts", ListAlerts)
            .WithSummary("The subscription's alerts, one per story: story id, first article id, url, title, copies, outlets, raised at.");
        subscriptions.MapGet("/{id:guid}/notices", ListNotices)
            .WithSummary("The subscription's digests (period, stories with copies and outlets) and spike notices (count, baseline), with the channels they went out on.");
    }

    internal static async Task<IResult> ListNotices(Guid id, HttpContext http, IQuerySession session, CancellationToken ct)
    {
        if (await SubscriptionEndpoints.FindOwnAsync(id, http, session, ct) is null)
        {
            return ApiProblems.NotFound($"no subscription {id}");
        }

        return Results.Ok(await session.Query<ApiNotice>().Where(n => n.SubscriptionId == id).OrderByDescending(n => n.CreatedAt).ToListAsync(ct));
    }

    internal static async Task<IResult> ListAlerts(Guid id, HttpContext http, IQuerySession session, CancellationToken ct)
    {
        if (await SubscriptionEndpoints.FindOwnAsync(id, http, session, ct) is null)
        {
            return ApiProblems.NotFound($"no subscription {id}");
        }

        var alerts = await session.Query<ApiAlertSummary>().Where(a => a.SubscriptionId == id).OrderByDescending(a => a.RaisedAt).ToListAsync(ct);
        return Results.Ok(alerts);
    }
}
