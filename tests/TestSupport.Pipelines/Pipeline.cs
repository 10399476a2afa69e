using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Marten;
using MediaMonitor.Alerting;
using MediaMonitor.Api;
using MediaMonitor.Contracts.Crawler;
using MediaMonitor.Crawler;
using MediaMonitor.Deduplication;
using MediaMonitor.EntityTagging;
using MediaMonitor.ServiceDefaults;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using OpenTelemetry.Trace;

namespace MediaMonitor.TestSupport;

/// <summary>
/// The five services, each wired exactly as its Program.cs wires it, on one fresh database and RabbitMQ virtual host of
/// the real servers. A service can be stopped and started again mid-flow.
/// </summary>
public sealed class Pipeline : IAsyncDisposable
{
    public const string AdminKey = "e2e-admin-key-0123456789abcdef";

    private readonly Dictionary<string, string?> _settings;
    private readonly Dictionary<string, ServiceHost> _hosts = [];
    private readonly Dictionary<string, ConsumedMessages> _consumed = [];

    private Pipeline(Dictionary<string, string?> settings) => _settings = settings;

    public IDocumentStore Store => _hosts["Api"].Services.GetRequiredService<IDocumentStore>();

    public HttpClient? Tenant { get; private set; }

    /// <summary>Every log line of every service in this pipeline, at Debug and above (for the secret scan).</summary>
    public CapturedLogs Logs { get; } = new();

    /// <summary>Every span every service in this pipeline ended, with its attributes (for the secret scan).</summary>
    public CapturedSpans Spans { get; } = new();

    public static Task<Pipeline> StartAsync(params string[] services) => StartAsync(new Dictionary<string, string?>(), services);

    /// <summary>Starts the services (all five when none are named) with <paramref name="overrides"/> on top of the test settings.</summary>
    public static async Task<Pipeline> StartAsync(IReadOnlyDictionary<string, string?> overrides, params string[] services)
    {
        var env = await TestEnvironment.CreateAsync("e2e");
        var settings = env.Settings;
        PipelineSettings.AddTo(settings, AdminKey);
        settings["Alerting:Delivery:InitialBackoffMilliseconds"] = "100";
        settings["Logging:LogLevel:Default"] = "Debug";
        foreach (var (key, value) in overrides)
        {
            settings[key] = value;
        }

        var pipeline = new Pipeline(settings);
        foreach (var service in services.Length == 0 ? ["Api", "Deduplication", "EntityTagging", "Alerting", "Crawler"] : services)
        {
            await pipeline.StartServiceAsync(service);
        }

        return pipeline;
    }

    public async Task StartServiceAsync(string service)
    {
        if (!_consumed.TryGetValue(service, out var consumed))
        {
            _consumed[service] = consumed = new ConsumedMessages();
        }

        void Services(IServiceCollection services)
        {
            CaptureLogs(services);
            consumed.ObserveFromStart(services);
        }

        _hosts[service] = service switch
        {
            "Api" => await ServiceHost.StartAsync(typeof(ApiWiring).Assembly, _settings, b => b.AddApi(), Map(a => a.MapApi()), Services),
            "Crawler" => await ServiceHost.StartAsync(typeof(CrawlerWiring).Assembly, _settings, b => b.AddCrawler(), Map(a => a.MapCrawler()), Services),
            "Deduplication" => await ServiceHost.StartAsync(typeof(DeduplicationWiring).Assembly, _settings, b => b.AddDeduplication(), Map(a => a.MapDeduplication()), Services),
            "EntityTagging" => await ServiceHost.StartAsync(typeof(EntityTaggingWiring).Assembly, _settings, b => b.AddEntityTagging(), Map(a => a.MapEntityTagging()), Services),
            "Alerting" => await ServiceHost.StartAsync(typeof(AlertingWiring).Assembly, _settings, b => b.AddAlerting(), Map(a => a.MapAlerting()), Services),
            _ => throw new ArgumentOutOfRangeException(nameof(service), service, "unknown service"),
        };
    }

    /// <summary>What a service has consumed since the pipeline started (over restarts): the quiet signal "every copy was handled".</summary>
    public ConsumedMessages ConsumedBy(string service) => _consumed[service];

    public async Task StopServiceAsync(string service)
    {
        var host = _hosts[service];
        _hosts.Remove(service);
        await host.DisposeAsync();
    }

    /// <summary>The services of one running service (to watch its in-memory state, such as Alerting's subscription catalog).</summary>
    public IServiceProvider ServicesOf(string service) => _hosts[service].Services;

    /// <summary>A plain client of one running service (health, metrics).</summary>
    public HttpClient ServiceClient(string service) => _hosts[service].CreateClient();

    /// <summary>Creates a tenant through the Api and keeps a client carrying its key.</summary>
    public async Task<HttpClient> CreateTenantAsync()
    {
        using var admin = _hosts["Api"].CreateClient();
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminKey);
        var response = await admin.PostAsJsonAsync("/api/tenants", new { name = "E2E Newsroom Monitor", tenantId = "e2e" });
        response.EnsureSuccessStatusCode();
        var issued = await response.Content.ReadFromJsonAsync<JsonElement>();
        var client = _hosts["Api"].CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", issued.GetProperty("apiKey").GetString());
        Tenant = client;
        return client;
    }

    /// <summary>Event type names of every article stream, keyed by article id.</summary>
    public async Task<Dictionary<Guid, List<string>>> ArticleStreamsAsync()
    {
        await using var session = Store.QuerySession();
        var discovered = await session.Events.QueryRawEventDataOnly<ArticleDiscovered>().ToListAsync();
        var streams = new Dictionary<Guid, List<string>>();
        foreach (var id in discovered.Select(d => d.ArticleId).Distinct())
        {
            var events = await session.Events.FetchStreamAsync(id);
            streams[id] = events.Select(e => e.EventType.Name).ToList();
        }

        return streams;
    }

    public async ValueTask DisposeAsync()
    {
        Tenant?.Dispose();
        foreach (var service in _hosts.Keys.ToList())
        {
            await StopServiceAsync(service);
        }
    }

    /// <summary>Replaces the console log output with the captured lines (the OpenTelemetry log exporter stays) and captures spans.</summary>
    private void CaptureLogs(IServiceCollection services)
    {
        services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddProcessor(Spans.NewProcessor()));
        foreach (var console in services.Where(d => d.ServiceType == typeof(ILoggerProvider) && d.ImplementationType == typeof(ConsoleLoggerProvider)).ToList())
        {
            services.Remove(console);
        }

        services.AddSingleton<ILoggerProvider>(Logs);
    }

    private static Action<WebApplication> Map(Action<WebApplication> mapService) => app =>
    {
        app.MapDefaultEndpoints();
        mapService(app);
    };
}
