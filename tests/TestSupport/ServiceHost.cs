using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace MediaMonitor.TestSupport;

/// <summary>One MediaMonitor service running in the test process on a free port of 127.0.0.1, wired exactly as its Program.cs wires it.</summary>
public sealed class ServiceHost : IAsyncDisposable
{
    private ServiceHost(WebApplication app, Uri baseAddress)
    {
        App = app;
        BaseAddress = baseAddress;
    }

    public WebApplication App { get; }

    public Uri BaseAddress { get; }

    public IServiceProvider Services => App.Services;

    public static async Task<ServiceHost> StartAsync(
        System.Reflection.Assembly applicationAssembly,
        IDictionary<string, string?> settings,
        Action<WebApplicationBuilder> add,
        Action<WebApplication> map,
        Action<IServiceCollection>? overrideServices = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ApplicationName = applicationAssembly.GetName().Name,
            EnvironmentName = "Testing",
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:MediaMonitor"] = "Information",
        });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        add(builder);
        overrideServices?.Invoke(builder.Services);
        var app = builder.Build();
        map(app);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new ServiceHost(app, new Uri(address));
    }

    /// <summary>Starts <paramref name="wiring"/> with <paramref name="settings"/> (see <see cref="TestEnvironment"/> for a fresh database and vhost).</summary>
    public static Task<ServiceHost> StartAsync(ServiceWiring wiring, IDictionary<string, string?> settings, Action<IServiceCollection>? overrideServices = null) =>
        StartAsync(wiring.Assembly, settings, wiring.Add, wiring.Map, overrideServices);

    public HttpClient CreateClient() => new() { BaseAddress = BaseAddress };

    public async Task StopAsync()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await App.StopAsync(cts.Token);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync();
        }
        catch (OperationCanceledException)
        {
        }

        await App.DisposeAsync();
    }
}
