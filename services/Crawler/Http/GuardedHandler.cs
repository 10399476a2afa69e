using System.Net;
using System.Net.Sockets;

namespace MediaMonitor.Crawler.Http;

/// <summary>
/// The crawler's socket handler: every connection, including each redirect hop, resolves the host itself and connects
/// only to an address the <see cref="NetworkGuard"/> accepts, so DNS rebinding cannot slip past the check.
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
            ConnectCallback = (context, cancellationToken) => ConnectAsync(guard, context.DnsEndPoint, cancellationToken),
        };
    }

    private static async ValueTask<Stream> ConnectAsync(NetworkGuard guard, DnsEndPoint endPoint, CancellationToken cancellationToken)
    {
        var addresses = IPAddress.TryParse(endPoint.Host, out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(endPoint.Host, cancellationToken);
        if (addresses.Length == 0)
        {
            throw new BlockedAddressException($"{endPoint.Host} does not resolve to any address");
        }

        string? refusal = null;
        foreach (var address in addresses)
        {
            refusal = guard.Refusal(address);
            if (refusal is not null)
            {
                continue;
            }

            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, endPoint.Port), cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        throw new BlockedAddressException($"refused by the SSRF guard: {endPoint.Host} resolves to {refusal}");
    }
}
