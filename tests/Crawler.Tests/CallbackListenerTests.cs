using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace MediaMonitor.Crawler.Tests;

public sealed class CallbackListenerTests
{
    [Fact]
    public async Task The_listener_holds_a_burst_of_hub_connections_past_the_default_backlog_of_512_as_configured()
    {
        Assert.Equal(4096, await BacklogAsync([]));
        Assert.Equal(1000, await BacklogAsync(new() { ["Crawler:ListenBacklog"] = "1000" }));
    }

    /// <summary>The accept backlog of the Crawler as its Program.cs wires it (built, not started: no server needed).</summary>
    private static async Task<int> BacklogAsync(Dictionary<string, string?> settings)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Postgres"] = "Host=127.0.0.1;Port=1;Database=none" });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddCrawler();
        await using var app = builder.Build();
        return app.Services.GetRequiredService<IOptions<SocketTransportOptions>>().Value.Backlog;
    }
}
