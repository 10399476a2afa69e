using System.Net;
using MediaMonitor.ServiceDefaults.Network;

namespace MediaMonitor.Crawler.Http;

/// <summary>
/// The crawler's socket handler: every connection, including each redirect hop, goes through <see cref="GuardedConnection"/>
/// (the host is resolved and connected to only at an address the <see cref="NetworkGuard"/> accepts).
/// Decompresses gzip, deflate and brotli; the fetcher counts decompressed bytes, which bounds decompression bombs.
/// </summary>
public static class GuardedHandler
{
    public static SocketsHttpHandler Create(NetworkGuard guard, CrawlerOptions options)
    {
        ArgumentNullException.ThrowIfNull(guard);
        ArgumentNullException.ThrowIfNull(options);
        return new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseProxy = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate | DecompressionMethods.Brotli,
            ConnectTimeout = TimeSpan.FromSeconds(options.ConnectTimeoutSeconds),
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            MaxResponseHeadersLength = 64,
            MaxConnectionsPerServer = 4,
            ConnectCallback = GuardedConnection.Callback(guard),
        };
    }
}
