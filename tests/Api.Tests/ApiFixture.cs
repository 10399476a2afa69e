using MediaMonitor.ServiceDefaults.Secrets;

namespace MediaMonitor.Api.Tests;

/// <summary>One Api host on a fresh database and virtual host, shared by the integration tests; each test makes its own tenants.</summary>
public sealed class ApiFixture : IAsyncLifetime
{
    public const string AdminKey = "test-admin-key-0123456789";

    private ServiceHost? _host;

    public ServiceHost Host => _host ?? throw new InvalidOperationException("the Api host has not started");

    public IDocumentStore Store => Host.Services.GetRequiredService<IDocumentStore>();

    /// <summary>The RabbitMQ management API the operations report reads (RabbitMq:ManagementUrl).</summary>
    public static string ManagementUrl => $"http://{TestServers.RabbitHost}:{TestServers.RabbitManagementPort}/";

    /// <summary>The RabbitMQ virtual host the Api's relay publishes to.</summary>
    public string VirtualHost { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var env = await TestEnvironment.CreateAsync("api");
        VirtualHost = env.VirtualHost;
        var settings = env.Settings;
        settings["Api:AdminKey"] = AdminKey;
        settings["Api:MaxRequestBodyBytes"] = "4096";
        settings["Api:AllowedWebhookNetworks:0"] = "127.0.0.1/32";
        settings["RabbitMq:ManagementUrl"] = ManagementUrl;
        _host = await env.StartAsync(ApiHost.Wiring);
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }

    public HttpClient Client(string? bearer = null)
    {
        var client = Host.CreateClient();
        if (bearer is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        return client;
    }

    /// <summary>The subscription's stored delivery credentials, opened with the Api's key: their version and plain values (null: no document).</summary>
    public async Task<(int Version, DeliverySecrets Secrets)?> StoredSecretsAsync(Guid subscriptionId)
    {
        await using var session = Store.QuerySession();
        return await session.LoadAsync<DeliverySecret>(subscriptionId) is { } stored
            ? (stored.Version, stored.Open(Host.Services.GetRequiredService<SecretSealer>()))
            : null;
    }

    /// <summary>A new tenant (unique id) and a client carrying its key.</summary>
    public async Task<(string TenantId, HttpClient Client, string ApiKey)> NewTenantAsync(string name = "Test Newsroom")
    {
        using var admin = Client(AdminKey);
        var tenantId = "t-" + Guid.NewGuid().ToString("N")[..10];
        var response = await admin.PostAsJsonAsync("/api/tenants", new { name, tenantId });
        response.EnsureSuccessStatusCode();
        var issued = (await response.Content.ReadFromJsonAsync<IssuedKeyResponse>())!;
        return (tenantId, Client(issued.ApiKey), issued.ApiKey);
    }
}

[CollectionDefinition(Name)]
public sealed class ApiCollection : ICollectionFixture<ApiFixture>
{
    public const string Name = "api";
}
