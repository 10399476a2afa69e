using Marten;
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

    internal static async Task<IResult> GetAsync(EventStoreFigures events, BrokerManagement broker, ReadModelRebuilds rebuilds, IQuerySession session,
        TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var brokerReport = broker.ReportAsync(ct);
        var throughput = await events.ThroughputAsync(now, ct);
        var lag = await events.LagAsync(now, ct);
        var jobs = await OperationsJobs.ReportAsync(session, rebuilds, now, ct);
        return Results.Ok(new OperationsReport(now, throughput, lag, await brokerReport, jobs));
    }
}
