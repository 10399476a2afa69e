namespace MediaMonitor.Crawler.Http;

/// <summary>A request that did not yield a usable body; the message is the reason recorded in the failure event.</summary>
public sealed class FetchFailedException(string message, int? statusCode = null, TimeSpan? retryAfter = null, bool transient = false, Exception? inner = null)
    : Exception(message, inner)
{
    /// <summary>The HTTP status when the server answered with an error.</summary>
    public int? StatusCode { get; } = statusCode;

    /// <summary>How long the server asked us to wait (Retry-After on 429/503), if it did.</summary>
    public TimeSpan? RetryAfter { get; } = retryAfter;

    /// <summary>Worth trying again later: 429, 502-504, timeouts and connection failures.</summary>
    public bool IsTransient { get; } = transient || statusCode is 429 or 502 or 503 or 504;
}
