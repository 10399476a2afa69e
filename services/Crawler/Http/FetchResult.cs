namespace MediaMonitor.Crawler.Http;

/// <summary>A completed response: the final URL after redirects, the body (empty when not modified) and the validators.</summary>
public sealed record FetchResult(Uri FinalUri, int StatusCode, byte[] Body, string? ContentType, string? ETag, string? LastModified)
{
    public bool NotModified => StatusCode == 304;

    /// <summary>The response's Link header values (RFC 8288), where WebSub hubs are advertised.</summary>
    public IReadOnlyList<string> Links { get; init; } = [];
}
