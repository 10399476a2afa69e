using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace MediaMonitor.Measurements.Chaos;

/// <summary>
/// Thousands of outlets in one server: each listens on its own loopback address (127.0.x.y, Linux routes all of
/// 127.0.0.0/8 to the loopback interface) on one shared port, and requests are routed to the outlet by the address
/// they arrived on, so to the crawler each outlet is a separate host with its own politeness.
/// </summary>
internal sealed class OutletAddresses : IAsyncDisposable
{
    private readonly WebApplication _app;

    private OutletAddresses(WebApplication app) => _app = app;

    public static IPAddress AddressOf(int outlet) => new([127, 0, (byte)(1 + outlet / 250), (byte)(2 + outlet % 250)]);

    public static async Task<OutletAddresses> StartAsync(IReadOnlyList<ChaosNewsroom.Outlet> outlets)
    {
        if (outlets.Count > 250 * 250)
        {
            throw new ArgumentOutOfRangeException(nameof(outlets), "at most 62,500 outlets have a loopback address of their own");
        }

        var port = FreePort();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            foreach (var outlet in outlets)
            {
                kestrel.Listen(AddressOf(outlet.Number), port);
            }
        });
        var app = builder.Build();
        var byAddress = outlets.ToDictionary(o => AddressOf(o.Number));
        foreach (var outlet in outlets)
        {
            outlet.BaseAddress = new Uri($"http://{AddressOf(outlet.Number)}:{port}/");
        }

        app.MapGet("/news/{slug}", (HttpContext context, string slug) => Find(context).Article(Find(context).BaseAddress, slug));
        app.MapGet("/feed.xml", (HttpContext context) =>
            Results.Content(Find(context).Feed(Find(context).BaseAddress, Find(context).Articles), "application/rss+xml; charset=utf-8"));
        app.MapPost("/hub", async (HttpContext context) => Find(context).Hub is { } hub ? await hub.AcceptAsync(context) : Results.NotFound());
        await app.StartAsync();
        return new OutletAddresses(app);

        ChaosNewsroom.Outlet Find(HttpContext context) => byAddress[context.Connection.LocalIpAddress!.MapToIPv4()];
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
