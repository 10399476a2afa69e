using MediaMonitor.ServiceDefaults;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MediaMonitor.Operations.Tests.Kubernetes;

/// <summary>
/// A host wired with exactly the shared AddServiceDefaults + MapDefaultEndpoints every service uses (no database or
/// broker checks registered), on 127.0.0.1: what the probes and the scrape hit, without the real servers.
/// </summary>
public sealed class DefaultsOnlyService : IAsyncDisposable
{
    private readonly WebApplication _app;

    private DefaultsOnlyService(WebApplication app, HttpClient client)
    {
        _app = app;
        Client = client;
    }

    public HttpClient Client { get; }

    public static async Task<DefaultsOnlyService> StartAsync()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddServiceDefaults(new ServiceTelemetry("OperationsProbe"));
        var app = builder.Build();
        app.MapDefaultEndpoints();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new DefaultsOnlyService(app, new HttpClient { BaseAddress = new Uri(address) });
    }

    /// <summary>The host shutdown timeout AddServiceDefaults configures: how long a stopping pod drains.</summary>
    public static TimeSpan ShutdownTimeout()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.AddServiceDefaults(new ServiceTelemetry("OperationsShutdown"));
        using var app = builder.Build();
        return app.Services.GetRequiredService<IOptions<HostOptions>>().Value.ShutdownTimeout;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
