using System.Net.Http.Headers;
using System.Net.Http.Json;
using MediaMonitor.DemoNewsroom;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MediaMonitor.Operations.Tests.Monitoring;

/// <summary>
/// The five services as real processes (`dotnet MediaMonitor.X.dll`, built by the solution build), configured only
/// through the environment variables the manifests use, on a fresh database and virtual host of the real servers,
/// fed by the demo newsroom, with a subscription whose alerts go to a local webhook: a real run that makes every
/// service record its metrics. It also takes the failure paths the alert rules watch, so their counters have series:
/// a feed that answers 404 (a failed source poll), a feed whose one article answers 404 (a failed article), and a
/// second subscription whose webhook answers 503 with a zero retry window (a failed attempt, then a dead letter).
/// Separate processes, as in production: no meter is shared between services.
/// </summary>
public sealed class RunningPipeline : IAsyncDisposable
{
    public const string AdminKey = "operations-admin-key-0123456789";
    private readonly List<IAsyncDisposable> _owned = [];
    private readonly List<ExternalProcess> _processes = [];
    private int _posts;
    private int _failedPosts;

    private RunningPipeline()
    {
    }

    /// <summary>Each service's Kubernetes name and its base address on 127.0.0.1.</summary>
    public Dictionary<string, Uri> Services { get; } = [];

    /// <summary>The database the five services share.</summary>
    public string ConnectionString { get; private set; } = "";

    public static async Task<RunningPipeline> StartAsync()
    {
        var pipeline = new RunningPipeline();
        try
        {
            await pipeline.StartAllAsync();
            return pipeline;
        }
        catch
        {
            await pipeline.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var process in _processes)
        {
            process.Dispose();
        }

        for (var i = _owned.Count - 1; i >= 0; i--)
        {
            await _owned[i].DisposeAsync();
        }
    }

    /// <summary>Where the solution build put a service's assembly, in the configuration this test project was built in.</summary>
    public static string AssemblyPath(ServiceIdentity service)
    {
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var framework = output.Name;
        var configuration = output.Parent!.Name;
        var projectDir = Path.GetDirectoryName(Path.Combine(SharedData.RepositoryRoot, service.Project))!;
        return Path.Combine(projectDir, "bin", configuration, framework, service.AssemblyName + ".dll");
    }

    private async Task StartAllAsync()
    {
        var newsroom = await NewsroomServer.StartAsync(NewsroomContent.CreateRecent(TimeProvider.System));
        _owned.Add(newsroom);
        var (webhook, failingWebhook, brokenFeed, goneFeed) = await StartWebhookAsync();

        // The services run as processes here, so the environment's settings become their environment variables.
        var env = await TestEnvironment.CreateAsync("opslive");
        ConnectionString = env.ConnectionString;
        var configured = env.Settings;
        PipelineSettings.AddTo(configured, AdminKey);
        var settings = configured.ToDictionary(kv => kv.Key.Replace(":", "__", StringComparison.Ordinal), kv => kv.Value ?? "");
        settings["Logging__LogLevel__Default"] = "Warning";
        // The first failed attempt is already past the window: the failing subscription's alert is dead-lettered.
        settings["Alerting__Delivery__RetryWindow"] = "00:00:00";

        // As on Kubernetes: the schema migration first, then all five services at once.
        var migration = settings.ToDictionary(kv => kv.Key.Replace("__", ":", StringComparison.Ordinal), kv => (string?)kv.Value);
        await SchemaMigrator.SchemaMigration.ApplyAsync([], migration, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance, CancellationToken.None);
        await Task.WhenAll(BoundConfiguration.Services.Select(s => StartAsync(s, settings)));

        using var api = await TenantClientAsync();
        var subscription = await api.PostAsJsonAsync("/api/subscriptions", new { name = "Kazakhstan watch", query = "NATO center Kazakhstan", webhookUrl = webhook.ToString() });
        subscription.EnsureSuccessStatusCode();
        var failing = await api.PostAsJsonAsync("/api/subscriptions", new { name = "Kazakhstan watch (broken hook)", query = "NATO center Kazakhstan", webhookUrl = failingWebhook.ToString() });
        failing.EnsureSuccessStatusCode();
        foreach (var feed in newsroom.FeedUrls.Append(brokenFeed).Append(goneFeed))
        {
            (await api.PostAsJsonAsync("/api/sources", new { url = feed.ToString() })).EnsureSuccessStatusCode();
        }
        await Eventually.Until(() => Task.FromResult(_posts), n => n >= 1, TimeSpan.FromSeconds(120), "the alert's webhook POST (the whole pipeline ran)");
        await Eventually.Until(() => Task.FromResult(_failedPosts), n => n >= 1, TimeSpan.FromSeconds(60), "a POST to the failing webhook");
        await WaitForMetricsAsync("crawler", "mediamonitor_crawler_articles_failed_total", "outcome=\"failed\"");
        await WaitForMetricsAsync("alerting", "mediamonitor_alerting_deliveries_failed_total", "mediamonitor_alerting_alerts_dead_lettered_total");
    }

    /// <summary>Waits until a service's own /metrics shows every given text (a failure counter's first increment).</summary>
    private async Task WaitForMetricsAsync(string service, params string[] texts)
    {
        using var http = new HttpClient { BaseAddress = Services[service] };
        await Eventually.Until(() => http.GetStringAsync(new Uri("/metrics", UriKind.Relative)),
            body => texts.All(t => body.Contains(t, StringComparison.Ordinal)), TimeSpan.FromSeconds(60),
            $"{service} /metrics shows {string.Join(", ", texts)}");
    }

    private async Task StartAsync(ServiceIdentity service, Dictionary<string, string> settings)
    {
        var assembly = AssemblyPath(service);
        Skip.IfNot(File.Exists(assembly), $"{assembly} is not built: run the solution build first (deploy/local/test.sh does).");
        var port = ExternalProcess.FreePort();
        var address = new Uri($"http://127.0.0.1:{port}");
        var environment = new Dictionary<string, string>(settings) { ["ASPNETCORE_URLS"] = address.ToString().TrimEnd('/') };
        // Five JIT-compiling processes on a loaded 2-core machine can take a minute or more to turn ready.
        var process = ExternalProcess.Start("dotnet", [assembly], environment, Path.GetDirectoryName(assembly));
        lock (_processes)
        {
            _processes.Add(process);
            Services[service.Deployment] = address;
        }

        using var http = new HttpClient { BaseAddress = address };
        await Eventually.Until(async () =>
        {
            try
            {
                return (await http.GetAsync(new Uri("/health/ready", UriKind.Relative))).IsSuccessStatusCode;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }, ready => ready, TimeSpan.FromSeconds(180), $"{service.Deployment} ready on {address}; output: {process.Output}");
    }

    private async Task<HttpClient> TenantClientAsync()
    {
        using var admin = new HttpClient { BaseAddress = Services["api"] };
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminKey);
        var response = await admin.PostAsJsonAsync("/api/tenants", new { name = "Operations", tenantId = "ops" });
        response.EnsureSuccessStatusCode();
        var issued = await response.Content.ReadFromJsonAsync<JsonElement>();
        var client = new HttpClient { BaseAddress = Services["api"] };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", issued.GetProperty("apiKey").GetString());
        return client;
    }

    private async Task<(Uri Hook, Uri FailingHook, Uri BrokenFeed, Uri GoneFeed)> StartWebhookAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.MapPost("/hook", () =>
        {
            Interlocked.Increment(ref _posts);
            return Results.Ok();
        });
        app.MapPost("/failing-hook", () =>
        {
            Interlocked.Increment(ref _failedPosts);
            return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
        });
        // A feed whose one article is not there (404); /gone/rss.xml itself is not mapped (404).
        app.MapGet("/broken/rss.xml", (HttpContext http) =>
        {
            var article = $"{http.Request.Scheme}://{http.Request.Host}/broken/missing-article";
            var rss = $"<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>Broken</title>"
                + $"<link>{http.Request.Scheme}://{http.Request.Host}/</link><description>A feed whose article is gone</description>"
                + $"<item><title>Missing article</title><link>{article}</link><guid>{article}</guid>"
                + $"<pubDate>{DateTimeOffset.UtcNow.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}</pubDate></item></channel></rss>";
            return Results.Text(rss, "application/rss+xml; charset=utf-8");
        });
        await app.StartAsync();
        _owned.Add(app);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var root = new Uri(address);
        return (new Uri(root, "/hook"), new Uri(root, "/failing-hook"), new Uri(root, "/broken/rss.xml"), new Uri(root, "/gone/rss.xml"));
    }
}
