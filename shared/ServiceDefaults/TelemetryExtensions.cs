using MediaMonitor.ServiceDefaults.Logging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace MediaMonitor.ServiceDefaults;

/// <summary>OpenTelemetry for traces, metrics and logs; Prometheus always, OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set.</summary>
public static class TelemetryExtensions
{
    /// <summary>The tags kept on .NET's http.client.* instruments: none that grows with the number of hosts a service calls.</summary>
    public static readonly string[] HttpClientTagKeys =
        ["http.request.method", "http.response.status_code", "error.type", "url.scheme", "network.protocol.version", "http.connection.state"];

    public static IHostApplicationBuilder AddMediaMonitorTelemetry(this IHostApplicationBuilder builder, ServiceTelemetry telemetry)
    {
        var useOtlp = !string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);

        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        var otel = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r
                .AddService(telemetry.Name, serviceNamespace: "MediaMonitor", serviceVersion: telemetry.ActivitySource.Version)
                .AddAttributes([new("deployment.environment", builder.Environment.EnvironmentName)]))
            .WithTracing(tracing => tracing
                .AddSource(telemetry.Name)
                .AddSource("MassTransit")
                .AddSource("Marten")
                .AddAspNetCoreInstrumentation(o =>
                {
                    o.Filter = ctx => !ctx.Request.Path.StartsWithSegments("/health") && !ctx.Request.Path.StartsWithSegments("/metrics");
                    // The instrumentation replaces query values by "Redacted" unless an environment variable turns that off: a
                    // key sent as ?api_key= must never reach a trace, whatever the environment says.
                    o.EnrichWithHttpRequest = (activity, request) =>
                    {
                        if (request.QueryString.HasValue)
                        {
                            activity.SetTag("url.query", RedactedUrl.Marker);
                        }
                    };
                })
                // url.full keeps the path, and a Slack webhook's path is its credential: scheme://host:port only.
                .AddHttpClientInstrumentation(o => o.EnrichWithHttpRequestMessage = (activity, request) =>
                    activity.SetTag("url.full", RedactedUrl.Of(request.RequestUri)))
                .AddNpgsql())
            .WithMetrics(metrics => metrics
                .AddMeter(telemetry.Name)
                .AddMeter("MassTransit")
                .AddMeter("Marten")
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                // .NET's http.client.* instruments carry the server's address and port: one series (a histogram's 15 buckets
                // each) per host. A Crawler reading 2,000 outlets exported 24 MB on every scrape and kept a 43 MB buffer for
                // it; per-host failures are the Crawler's own counter (mediamonitor.crawler.host.failures).
                .AddView("http.client.*", new MetricStreamConfiguration { TagKeys = HttpClientTagKeys })
                .AddRuntimeInstrumentation()
                .AddPrometheusExporter());

        if (useOtlp)
        {
            otel.UseOtlpExporter();
        }

        return builder;
    }
}
