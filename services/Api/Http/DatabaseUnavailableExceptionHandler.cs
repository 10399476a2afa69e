using System.Globalization;
using Microsoft.AspNetCore.Diagnostics;

namespace MediaMonitor.Api.Http;

/// <summary>
/// Any request that fails because PostgreSQL is unreachable answers 503 with Retry-After and a problem body, instead of the
/// 500 that says "bug": clients and load balancers retry a 503. Every other exception falls through to the next handler.
/// </summary>
internal sealed partial class DatabaseUnavailableExceptionHandler(ILogger<DatabaseUnavailableExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (!DatabaseOutage.IsOutage(exception))
        {
            return false;
        }

        // One line without the stack trace: during an outage every request lands here.
        LogUnavailable(logger, httpContext.Request.Method, httpContext.Request.Path.Value ?? "", exception.GetBaseException().Message);
        var seconds = (int)DatabaseOutage.RetryAfter.TotalSeconds;
        httpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await Results.Problem(
                title: "Service unavailable",
                detail: $"the database is unreachable at the moment; retry in {seconds} seconds",
                statusCode: StatusCodes.Status503ServiceUnavailable)
            .ExecuteAsync(httpContext);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Answered 503 to {Method} {Path}: the database is unreachable ({Reason})")]
    private static partial void LogUnavailable(ILogger logger, string method, string path, string reason);
}
