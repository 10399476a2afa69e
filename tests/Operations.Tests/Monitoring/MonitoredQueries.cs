namespace MediaMonitor.Operations.Tests.Monitoring;

/// <summary>Every PromQL expression the project ships: each alert rule and each Grafana panel target, with where it is.</summary>
public static class MonitoredQueries
{
    public static string GrafanaDir => Path.Combine(SharedData.RepositoryRoot, "deploy", "grafana");

    public static string PrometheusDir => Path.Combine(SharedData.RepositoryRoot, "deploy", "prometheus");

    public static IReadOnlyList<(string Where, string Expression)> All() =>
        [.. PrometheusRules.Load(PrometheusDir).Select(r => ("alert " + r.Alert, r.Expression)), .. DashboardTargets()];

    public static IEnumerable<(string Where, string Expression)> DashboardTargets()
    {
        foreach (var file in Directory.GetFiles(Path.Combine(GrafanaDir, "dashboards"), "*.json"))
        {
            using var document = JsonDocument.Parse(File.ReadAllText(file));
            foreach (var panel in document.RootElement.GetProperty("panels").EnumerateArray())
            {
                foreach (var target in panel.GetProperty("targets").EnumerateArray())
                {
                    yield return ($"{Path.GetFileName(file)} / {panel.GetProperty("title").GetString()}", target.GetProperty("expr").GetString()!);
                }
            }
        }
    }
}
