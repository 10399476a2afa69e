using Microsoft.AspNetCore.Diagnostics;

namespace MediaMonitor.Api.Http;

/// <summary>Turns unreadable or oversized request bodies into a 400/413 problem that says what was wrong.</summary>
internal sealed class BadRequestExceptionHandler(ILogger<BadRequestExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad)
        {
            return false;
        }

        var detail = bad.InnerException is { } inner ? bad.Message + " " + inner.Message : bad.Message;
        logger.LogWarning("Rejected {Method} {Path}: {Detail}", httpContext.Request.Method, httpContext.Request.Path, detail);
        var title = bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? "Request body too large" : "Invalid request";
        await Results.Problem(title: title, detail: detail, statusCode: bad.StatusCode).ExecuteAsync(httpContext);
        return true;
    }
}
