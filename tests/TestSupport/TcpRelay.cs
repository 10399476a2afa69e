using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace MediaMonitor.TestSupport;

/// <summary>
/// A TCP forwarder on a port of 127.0.0.1 in front of a real server (RabbitMQ, PostgreSQL), so a test can take that server away
/// from one service without stopping the server the other tests share: <see cref="Cut"/> closes every relayed connection and
/// stops listening (the port then refuses connections, as a stopped server's does); <see cref="Restore"/> listens on the same
/// port again.
/// </summary>
public sealed class TcpRelay : IAsyncDisposable
{
    private readonly IPEndPoint _target;
    private readonly ConcurrentDictionary<TcpClient, byte> _connections = new();
    private TcpListener? _listener;
    private CancellationTokenSource? _cts;
    private Task? _accepting;

    private TcpRelay(IPEndPoint target) => _target = target;

    /// <summary>The port the relay listens on (the same after a cut and a restore).</summary>
    public int Port { get; private set; }

    public static TcpRelay Start(string targetHost, int targetPort)
    {
        var address = IPAddress.TryParse(targetHost, out var ip) ? ip : Dns.GetHostAddresses(targetHost).First(a => a.AddressFamily == AddressFamily.InterNetwork);
        var relay = new TcpRelay(new IPEndPoint(address, targetPort));
        relay.Listen(0);
        return relay;
    }

    public void Cut()
    {
        _cts?.Cancel();
        _listener?.Stop();
        _listener = null;
        foreach (var connection in _connections.Keys)
        {
            try
            {
                // Reset rather than close politely: the peer sees the connection die, as when a server goes away.
                connection.Client?.Close(0);
            }
            catch (ObjectDisposedException)
            {
            }

            connection.Dispose();
            _connections.TryRemove(connection, out _);
        }
    }

    public void Restore()
    {
        if (_listener is null)
        {
            Listen(Port);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Cut();
        if (_accepting is not null)
        {
            await _accepting.ContinueWith(_ => { }, TaskScheduler.Default);
        }

        _cts?.Dispose();
    }

    private void Listen(int port)
    {
        var listener = new TcpListener(IPAddress.Loopback, port);
        listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        listener.Start();
        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
        _listener = listener;
        _cts?.Dispose();
        _cts = new CancellationTokenSource();
        _accepting = AcceptAsync(listener, _cts.Token);
    }

    private async Task AcceptAsync(TcpListener listener, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            TcpClient inbound;
            try
            {
                inbound = await listener.AcceptTcpClientAsync(ct);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = RelayAsync(inbound, ct);
        }
    }

    private async Task RelayAsync(TcpClient inbound, CancellationToken ct)
    {
        var outbound = new TcpClient();
        _connections[inbound] = 0;
        _connections[outbound] = 0;
        try
        {
            await outbound.ConnectAsync(_target, ct);
            using var pumps = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var up = inbound.GetStream().CopyToAsync(outbound.GetStream(), pumps.Token);
            var down = outbound.GetStream().CopyToAsync(inbound.GetStream(), pumps.Token);
            await Task.WhenAny(up, down);
            await pumps.CancelAsync();
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or IOException or ObjectDisposedException)
        {
        }
        finally
        {
            _connections.TryRemove(inbound, out _);
            _connections.TryRemove(outbound, out _);
            inbound.Dispose();
            outbound.Dispose();
        }
    }
}
