namespace MediaMonitor.ServiceDefaults.Logging;

/// <summary>
/// What logs and traces may say about a URL: scheme, host and port. A Slack webhook's path is its credential, a
/// webhook's path or query may hold a token, and a request's query string may hold a key, so neither is ever written.
/// </summary>
public static class RedactedUrl
{
    public const string Marker = "[redacted]";

    public static string Of(Uri? url)
    {
        if (url is null)
        {
            return "(no URL)";
        }

        if (!url.IsAbsoluteUri)
        {
            return "/" + Marker;
        }

        var bare = url.AbsolutePath == "/" && url.Query.Length == 0 && url.Fragment.Length == 0;
        return $"{url.Scheme}://{url.Authority}/{(bare ? string.Empty : Marker)}";
    }
}
