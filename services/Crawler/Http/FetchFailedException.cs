namespace MediaMonitor.Crawler.Http;

/// <summary>A request that did not yield a usable body; the message is the reason recorded in the failure event.</summary>
public sealed class FetchFailedException(string message, TimeSpan? retryAfter = null, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>How long the server asked us to wait (Retry-After on 429/503), if it did.</summary>
    public TimeSpan? RetryAfter { get; } = retryAfter;
}
