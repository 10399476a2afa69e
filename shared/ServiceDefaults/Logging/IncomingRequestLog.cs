using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace MediaMonitor.ServiceDefaults.Logging;

/// <summary>
/// The request log, in place of ASP.NET Core's "Request starting/finished" lines (category
/// Microsoft.AspNetCore.Hosting.Diagnostics), which write the query string: a key sent as ?api_key= would be logged.
/// Method, path, status and time only; a query string is mentioned, never written. Health probes and scrapes at Debug.
/// </summary>
public sealed partial class IncomingRequestLog(ILogger<IncomingRequestLog> logger) : IStartupFilter
{
    public const string HostingDiagnosticsCategory = "Microsoft.AspNetCore.Hosting.Diagnostics";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(LogAsync);
        next(app);
    };

    private async Task LogAsync(HttpContext context, RequestDelegate next)
    {
        var started = Stopwatch.GetTimestamp();
        var status = StatusCodes.Status500InternalServerError;
        try
        {
            await next(context);
            status = context.Response.StatusCode;
        }
        finally
        {
            var request = context.Request;
            var level = request.Path.StartsWithSegments("/health") || request.Path.StartsWithSegments("/metrics") ? LogLevel.Debug : LogLevel.Information;
            if (logger.IsEnabled(level))
            {
                LogAnswered(logger, level, request.Method, request.PathBase.Add(request.Path).Value ?? "/",
                    request.QueryString.HasValue ? " (query string not logged)" : string.Empty, status, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }
    }

    [LoggerMessage(Message = "HTTP {Method} {Path}{Query} answered {StatusCode} in {ElapsedMilliseconds:0} ms")]
    private static partial void LogAnswered(ILogger logger, LogLevel level, string method, string path, string query, int statusCode, double elapsedMilliseconds);
}
