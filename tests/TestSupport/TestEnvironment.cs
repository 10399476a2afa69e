using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace MediaMonitor.TestSupport;

/// <summary>How a test starts one service: its assembly and the Add and Map calls its Program.cs makes.</summary>
public sealed record ServiceWiring(Assembly Assembly, Action<WebApplicationBuilder> Add, Action<WebApplication> Map);

/// <summary>
/// A fresh database and RabbitMQ virtual host of the real servers (one per test, so tests run in parallel unseen by each
/// other), the settings a service host needs to use them, and the hosts started on them: the one set-up every
/// integration test shares. Starting a wiring again on the same environment is a restart of that service.
/// </summary>
public sealed class TestEnvironment
{
    private TestEnvironment(string connectionString, string virtualHost)
    {
        ConnectionString = connectionString;
        VirtualHost = virtualHost;
        Settings = TestServers.ServiceSettings(connectionString, virtualHost);
    }

    public string ConnectionString { get; }

    public string VirtualHost { get; }

    /// <summary>What every host started here is configured with; a test may add its own keys before starting one.</summary>
    public Dictionary<string, string?> Settings { get; }

    /// <summary>A new database and virtual host named after <paramref name="name"/> (plus a unique suffix).</summary>
    public static async Task<TestEnvironment> CreateAsync(string name) =>
        new(await TestServers.CreateDatabaseAsync(name), await TestServers.CreateVirtualHostAsync(name));

    /// <summary>Starts <paramref name="wiring"/> with <see cref="Settings"/> and <paramref name="overrides"/> on top (for this host only).</summary>
    public Task<ServiceHost> StartAsync(
        ServiceWiring wiring, IEnumerable<KeyValuePair<string, string?>>? overrides = null, Action<IServiceCollection>? overrideServices = null)
    {
        var settings = new Dictionary<string, string?>(Settings);
        foreach (var (key, value) in overrides ?? [])
        {
            settings[key] = value;
        }

        return ServiceHost.StartAsync(wiring, settings, overrideServices);
    }
}
