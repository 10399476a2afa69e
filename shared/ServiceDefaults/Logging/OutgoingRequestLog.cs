using Microsoft.Extensions.Http.Logging;
using Microsoft.Extensions.Logging;

namespace MediaMonitor.ServiceDefaults.Logging;

/// <summary>
/// The one log of every HttpClient made by the factory, in place of Microsoft.Extensions.Http's default loggers, which
/// write the full request URL at Information ("Sending HTTP request POST https://hooks.slack.com/services/T../B../token"):
/// method, scheme://host:port, status and time only. A failure names the exception's type, whose message may quote the URL.
/// </summary>
public sealed partial class OutgoingRequestLog(ILogger<OutgoingRequestLog> logger) : IHttpClientLogger
{
    public object? LogRequestStart(HttpRequestMessage request) => null;

    public void LogRequestStop(object? context, HttpRequestMessage request, HttpResponseMessage response, TimeSpan elapsed) =>
        LogAnswered(logger, request.Method.Method, RedactedUrl.Of(request.RequestUri), (int)response.StatusCode, elapsed.TotalMilliseconds);

    public void LogRequestFailed(object? context, HttpRequestMessage request, HttpResponseMessage? response, Exception exception, TimeSpan elapsed) =>
        LogFailed(logger, request.Method.Method, RedactedUrl.Of(request.RequestUri), exception.GetType().Name, elapsed.TotalMilliseconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "HTTP {Method} {Target} answered {StatusCode} in {ElapsedMilliseconds:0} ms")]
    private static partial void LogAnswered(ILogger logger, string method, string target, int statusCode, double elapsedMilliseconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "HTTP {Method} {Target} failed after {ElapsedMilliseconds:0} ms: {ExceptionType}")]
    private static partial void LogFailed(ILogger logger, string method, string target, string exceptionType, double elapsedMilliseconds);
}
