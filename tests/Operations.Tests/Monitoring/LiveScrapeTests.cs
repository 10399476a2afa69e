using MediaMonitor.Operations.Tests.Kubernetes;
using Npgsql;

namespace MediaMonitor.Operations.Tests.Monitoring;

public sealed class LiveScrapeTests
{
    /// <summary>
    /// The real thing: the five services process the demo newsroom's feeds up to a delivered webhook (and through a
    /// failing source, a missing article and a failing, dead-lettered webhook, so failure counters have series), then a real
    /// Prometheus scrapes them, RabbitMQ's prometheus plugin and postgres_exporter, loads the project's alert rules,
    /// and every metric named in every dashboard panel and alert rule must be among the names it scraped; every panel's
    /// query and every rule must also evaluate without error on that data.
    /// </summary>
    [SkippableFact]
    public async Task Every_metric_named_in_the_dashboards_and_alert_rules_exists_in_a_real_Prometheus_scrape_of_the_running_services()
    {
        Skip.If(Tool.Find("prometheus") is null, "prometheus is not on PATH: deploy/local/test.sh installs the apt package prometheus.");
        const string exporterBinary = "/usr/bin/prometheus-postgres-exporter";
        Skip.IfNot(File.Exists(exporterBinary), "postgres_exporter is missing: deploy/local/test.sh installs the apt package prometheus-postgres-exporter.");

        await using var pipeline = await RunningPipeline.StartAsync();
        using var exporter = StartPostgresExporter(exporterBinary, out var exporterPort);
        // deploy/local/servers.sh puts RabbitMQ's prometheus plugin one port above the management port.
        var rabbitPrometheus = $"127.0.0.1:{TestServers.RabbitManagementPort + 1}";
        var jobs = new Dictionary<string, (string, IReadOnlyDictionary<string, string>)>
        {
            ["mediamonitor"] = ("/metrics", pipeline.Services.ToDictionary(s => s.Value.Authority, s => s.Key)),
            ["rabbitmq"] = ("/metrics/per-object", new Dictionary<string, string> { [rabbitPrometheus] = "rabbitmq" }),
            ["postgres"] = ("/metrics", new Dictionary<string, string> { [$"127.0.0.1:{exporterPort}"] = "postgres" }),
        };
        using var prometheus = await PrometheusServer.StartAsync(jobs);

        await Eventually.Until(prometheus.TargetsAsync, t => t.Count == 7 && t.Values.All(v => v.Health == "up"),
            TimeSpan.FromSeconds(60), "all seven targets scraped successfully",
            t => string.Join("; ", t.Select(p => $"{p.Key} {p.Value.Health} {p.Value.Error}")));
        // Then two more rounds: every target's last scrape began after the first round had finished everywhere, and again.
        for (var round = 1; round <= 2; round++)
        {
            var after = (await prometheus.LastScrapesAsync()).Values.Max();
            await Eventually.Until(prometheus.LastScrapesAsync, s => s.Count == 7 && s.Values.All(at => at > after),
                TimeSpan.FromSeconds(30), $"every target scraped again (round {round})");
        }

        var scraped = await prometheus.MetricNamesAsync();

        var missing = MonitoredQueries.All()
            .SelectMany(q => PromQlMetricNames.Names(q.Expression).Where(n => !scraped.Contains(n)).Select(n => $"{q.Where}: {n}")
                .Concat(PromQlMetricNames.NamePatterns(q.Expression)
                    .Where(p => !scraped.Any(n => Regex.IsMatch(n, $"^(?:{p})$", RegexOptions.None, TimeSpan.FromSeconds(1))))
                    .Select(p => $"{q.Where}: no metric matches {p}")))
            .Distinct()
            .ToList();
        Assert.True(missing.Count == 0, "Not in the scrape:" + Environment.NewLine + string.Join(Environment.NewLine, missing));

        var failing = new List<string>();
        foreach (var (where, expression) in MonitoredQueries.DashboardTargets())
        {
            if (await prometheus.QueryErrorAsync(expression) is { } error)
            {
                failing.Add($"{where}: {error}");
            }
        }

        Assert.True(failing.Count == 0, "Panels whose query fails:" + Environment.NewLine + string.Join(Environment.NewLine, failing));
        var rules = await Eventually.Until(prometheus.RulesAsync, r => r.Count > 0 && r.All(x => x.Health != "unknown"),
            TimeSpan.FromSeconds(15), "every alert rule evaluated");
        Assert.All(rules, r => Assert.True(r.Health == "ok", $"{r.Name}: {r.Health} {r.Error}"));
    }

    private static ExternalProcess StartPostgresExporter(string binary, out int port)
    {
        var admin = new NpgsqlConnectionStringBuilder(TestServers.PostgresAdminConnectionString);
        port = ExternalProcess.FreePort();
        var dsn = $"postgresql://{admin.Username}:{Uri.EscapeDataString(admin.Password ?? "")}@{admin.Host}:{admin.Port}/{admin.Database}?sslmode=disable";
        return ExternalProcess.Start(binary, [$"--web.listen-address=127.0.0.1:{port}"], new Dictionary<string, string> { ["DATA_SOURCE_NAME"] = dsn });
    }
}
