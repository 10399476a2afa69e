using MediaMonitor.ServiceDefaults.Logging;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace MediaMonitor.ServiceDefaults;

/// <summary>The wiring every MediaMonitor service shares: telemetry, health endpoints and their checks.</summary>
public static class ServiceDefaultsExtensions
{
    public const string LiveTag = "live";
    public const string ReadyTag = "ready";

    /// <summary>OpenTelemetry (traces, metrics, logs), request logs without credentials, and health checks, named after the service.</summary>
    public static IHostApplicationBuilder AddServiceDefaults(this IHostApplicationBuilder builder, ServiceTelemetry telemetry)
    {
        builder.Services.AddSingleton(telemetry);
        builder.AddMediaMonitorTelemetry(telemetry);
        builder.Services.AddRedactedRequestLogs();
        builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy(), [LiveTag]);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(20));
        return builder;
    }

    /// <summary>
    /// /health/live (the process answers), /health/ready (PostgreSQL and RabbitMQ reachable) and /metrics. Ready means every
    /// ready check is Healthy: MassTransit reports a bus that lost RabbitMQ as Degraded, which ASP.NET Core answers 200 by
    /// default, so a consumer without its broker kept receiving traffic; Degraded answers 503 here.
    /// </summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = r => r.Tags.Contains(LiveTag) });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = r => r.Tags.Contains(ReadyTag),
            ResponseWriter = WriteHealthReport,
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status503ServiceUnavailable,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
        });
        app.MapPrometheusScrapingEndpoint("/metrics");
        return app;
    }

    private static Task WriteHealthReport(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
        };
        return context.Response.WriteAsJsonAsync(body);
    }
}
