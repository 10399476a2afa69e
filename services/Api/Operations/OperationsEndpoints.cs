using MediaMonitor.Api.Rebuilds;
using MediaMonitor.Api.Security;
using MediaMonitor.ServiceDefaults.EventSchema;

namespace MediaMonitor.Api.Operations;

/// <summary>GET /api/admin/operations (admin key): throughput, lag, queues, dead letters and jobs for the dashboard's Operations page.</summary>
public static class OperationsEndpoints
{
    public static WebApplicationBuilder AddOperations(this WebApplicationBuilder builder)
    {
        builder.Services.AddHttpClient<BrokerManagement>();
        builder.Services.AddSingleton<EventStoreFigures>();
        builder.Services.AddHostedService<EventTimestampIndex>();
        return builder;
    }

    public static void MapOperationsEndpoints(this IEndpointRouteBuilder api)
    {
        api.MapGet("/admin/operations", GetAsync)
            .RequireAuthorization(TenantPrincipal.AdminPolicy)
            .WithTags("Operations")
            .WithSummary("Pipeline events per minute over the last hour, relay and projection lag, the broker's queues and dead letters "
                + "(peeked, never consumed) and running jobs; the broker part says so when RabbitMq:ManagementUrl is not set.");
    }

    internal static async Task<IResult> GetAsync(EventStoreFigures events, BrokerManagement broker, ReadModelRebuilds rebuilds, TimeProvider clock,
        CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var brokerReport = broker.ReportAsync(ct);
        var throughput = await events.ThroughputAsync(now, ct);
        var lag = await events.LagAsync(now, ct);
        return Results.Ok(new OperationsReport(now, throughput, lag, await brokerReport, Jobs(rebuilds)));
    }

    /// <summary>
    /// The read-model rebuilds this replica ran or runs (GET /api/rebuilds keeps them in memory, per replica). The resumable
    /// backfill and reprocessing jobs (GET /api/jobs, JobDocument) arrived on main after this page and are not merged in yet.
    /// </summary>
    internal static JobsReport Jobs(ReadModelRebuilds rebuilds) =>
        new(true, "read-model rebuilds of this Api replica (GET /api/rebuilds); backfill and reprocessing jobs are listed at GET /api/jobs, not here yet",
            [.. ReadModelRebuilds.ReadModels
                .Select(m => rebuilds.Current(m.Name))
                .OfType<ReadModelRebuild>()
                .OrderByDescending(r => r.StartedAt)
                .Select(r => new JobProgress("rebuild", r.Name, r.State, r.Done, r.Total, r.StartedAt, r.FinishedAt, r.Error))]);
}
