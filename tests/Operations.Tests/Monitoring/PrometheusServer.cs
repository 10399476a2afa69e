using System.Globalization;
using System.Net.Http.Json;
using System.Text;

namespace MediaMonitor.Operations.Tests.Monitoring;

/// <summary>A real Prometheus (apt package prometheus) on 127.0.0.1 scraping given targets every second, with the project's rules.</summary>
public sealed class PrometheusServer : IDisposable
{
    private readonly ExternalProcess _process;
    private readonly string _directory;

    private PrometheusServer(ExternalProcess process, string directory, Uri address)
    {
        _process = process;
        _directory = directory;
        Http = new HttpClient { BaseAddress = address };
    }

    public HttpClient Http { get; }

    /// <summary>Starts Prometheus; <paramref name="jobs"/> maps a job to (metrics path, targets with their service label).</summary>
    public static async Task<PrometheusServer> StartAsync(IReadOnlyDictionary<string, (string Path, IReadOnlyDictionary<string, string> Targets)> jobs)
    {
        var directory = Directory.CreateTempSubdirectory("mm-prometheus-").FullName;
        var config = new StringBuilder();
        // A scrape may take as long as its interval (a 1 s timeout ended scrapes of services rendering /metrics on a machine
        // at load 40-50: "context deadline exceeded" on a target that was up).
        config.AppendLine("global:\n  scrape_interval: 3s\n  scrape_timeout: 3s\n  evaluation_interval: 1s\nrule_files:");
        config.AppendLine(CultureInfo.InvariantCulture, $"  - {Path.Combine(SharedData.RepositoryRoot, "deploy", "prometheus", "rules")}/*.yml");
        config.AppendLine("scrape_configs:");
        foreach (var (job, (path, targets)) in jobs)
        {
            config.AppendLine(CultureInfo.InvariantCulture, $"  - job_name: {job}\n    metrics_path: {path}\n    static_configs:");
            foreach (var (target, service) in targets)
            {
                config.AppendLine(CultureInfo.InvariantCulture, $"      - targets: [\"{target}\"]\n        labels: {{ service: {service} }}");
            }
        }

        await File.WriteAllTextAsync(Path.Combine(directory, "prometheus.yml"), config.ToString());
        var port = ExternalProcess.FreePort();
        var process = ExternalProcess.Start("prometheus",
        [
            "--config.file=" + Path.Combine(directory, "prometheus.yml"),
            "--storage.tsdb.path=" + Path.Combine(directory, "data"),
            $"--web.listen-address=127.0.0.1:{port}",
        ]);
        var server = new PrometheusServer(process, directory, new Uri($"http://127.0.0.1:{port}/"));
        await Eventually.Until(server.ReadyAsync, r => r, TimeSpan.FromSeconds(30), "Prometheus ready; output: " + process.Output);
        return server;
    }

    /// <summary>Every target's health ("up", "down", "unknown") and last error, keyed by its scrape URL.</summary>
    public async Task<Dictionary<string, (string Health, string Error)>> TargetsAsync()
    {
        var body = await Http.GetFromJsonAsync<JsonElement>("api/v1/targets");
        return body.GetProperty("data").GetProperty("activeTargets").EnumerateArray().ToDictionary(
            t => t.GetProperty("scrapeUrl").GetString()!,
            t => (t.GetProperty("health").GetString()!, t.GetProperty("lastError").GetString() ?? ""));
    }

    /// <summary>When each target's last scrape began, keyed by its scrape URL (a target never scraped yet is left out).</summary>
    public async Task<Dictionary<string, DateTimeOffset>> LastScrapesAsync()
    {
        var body = await Http.GetFromJsonAsync<JsonElement>("api/v1/targets");
        return body.GetProperty("data").GetProperty("activeTargets").EnumerateArray()
            .Select(t => (Url: t.GetProperty("scrapeUrl").GetString()!, At: t.GetProperty("lastScrape").GetDateTimeOffset()))
            .Where(t => t.At.Year > 1)
            .ToDictionary(t => t.Url, t => t.At);
    }

    /// <summary>Every metric name Prometheus holds.</summary>
    public async Task<HashSet<string>> MetricNamesAsync()
    {
        var body = await Http.GetFromJsonAsync<JsonElement>("api/v1/label/__name__/values");
        return body.GetProperty("data").EnumerateArray().Select(n => n.GetString()!).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Every loaded rule's name, health and last evaluation error.</summary>
    public async Task<List<(string Name, string Health, string Error)>> RulesAsync()
    {
        var body = await Http.GetFromJsonAsync<JsonElement>("api/v1/rules");
        return body.GetProperty("data").GetProperty("groups").EnumerateArray()
            .SelectMany(g => g.GetProperty("rules").EnumerateArray())
            .Select(r => (r.GetProperty("name").GetString()!, r.GetProperty("health").GetString()!,
                r.TryGetProperty("lastError", out var e) ? e.GetString() ?? "" : ""))
            .ToList();
    }

    /// <summary>Runs one instant query; returns Prometheus's error, or null when it evaluated.</summary>
    public async Task<string?> QueryErrorAsync(string expression)
    {
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["query"] = expression });
        using var response = await Http.PostAsync(new Uri("api/v1/query", UriKind.Relative), form);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return body.GetProperty("status").GetString() == "success" ? null : body.GetProperty("error").GetString();
    }

    public void Dispose()
    {
        Http.Dispose();
        _process.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private async Task<bool> ReadyAsync()
    {
        try
        {
            return (await Http.GetAsync(new Uri("-/ready", UriKind.Relative))).IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }
}
