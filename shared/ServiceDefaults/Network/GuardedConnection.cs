using System.Net;
using System.Net.Sockets;

namespace MediaMonitor.ServiceDefaults.Network;

/// <summary>
/// A <see cref="SocketsHttpHandler.ConnectCallback"/> that resolves the host itself and connects only to an address the
/// <see cref="NetworkGuard"/> accepts, so every connection (each redirect hop, each pooled reconnect) is checked and DNS
/// rebinding cannot slip past the check.
/// </summary>
public static class GuardedConnection
{
    public static Func<SocketsHttpConnectionContext, CancellationToken, ValueTask<Stream>> Callback(NetworkGuard guard)
    {
        ArgumentNullException.ThrowIfNull(guard);
        return (context, cancellationToken) => ConnectAsync(guard, context.DnsEndPoint, cancellationToken);
    }

    /// <summary>The guard's refusal somewhere in an exception chain (an HttpRequestException wraps it), or null.</summary>
    public static string? Refusal(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is BlockedAddressException)
            {
                return e.Message;
            }
        }

        return null;
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
