namespace MediaMonitor.Crawler.Http;

/// <summary>A completed response: the final URL after redirects, the body (empty when not modified) and the validators.</summary>
public sealed record FetchResult(Uri FinalUri, int StatusCode, byte[] Body, string? ContentType, string? ETag, string? LastModified)
{
    public bool NotModified => StatusCode == 304;
}
