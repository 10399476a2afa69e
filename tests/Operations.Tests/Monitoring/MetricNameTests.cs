namespace MediaMonitor.Operations.Tests.Monitoring;

public sealed partial class MetricNameTests
{
    [Fact]
    public void Metric_names_are_read_from_PromQL_without_functions_labels_or_keywords()
    {
        var names = PromQlMetricNames.Names(
            "histogram_quantile(0.99, sum by (service, le) (rate(mediamonitor_relay_lag_seconds_bucket{service=~\"a|b\"}[5m]))) > 2 and up == 0 or vector(0)");

        Assert.Equal(["mediamonitor_relay_lag_seconds_bucket", "up"], names.Order());
        Assert.Equal(["marten_.+_gap_bucket"], PromQlMetricNames.NamePatterns("rate({__name__=~\"marten_.+_gap_bucket\"}[5m])"));
        Assert.Empty(PromQlMetricNames.Names("rate(label_replace({__name__=~\"m_.+\"}, \"shard\", \"$1\", \"__name__\", \"(.+)\")[5m:15s])"));
    }

    [Fact]
    public void Every_MediaMonitor_metric_in_the_alert_rules_and_dashboards_is_an_instrument_the_code_creates()
    {
        var instruments = InstrumentNamesInCode();
        var problems = MonitoredQueries.All()
            .SelectMany(q => PromQlMetricNames.Names(q.Expression).Select(n => (q.Where, Name: n)))
            .Where(q => q.Name.StartsWith("mediamonitor_", StringComparison.Ordinal) && !instruments.Contains(InstrumentOf(q.Name)))
            .Select(q => $"{q.Where}: {q.Name} (instrument {InstrumentOf(q.Name)}) is created nowhere in services/ or shared/")
            .Distinct()
            .ToList();

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void Every_dashboard_uses_the_provisioned_datasource_and_unique_panel_ids()
    {
        var datasources = File.ReadAllText(Path.Combine(MonitoredQueries.GrafanaDir, "provisioning", "datasources", "prometheus.yml"));
        var files = Directory.GetFiles(Path.Combine(MonitoredQueries.GrafanaDir, "dashboards"), "*.json");

        Assert.Equal(4, files.Length);
        foreach (var file in files)
        {
            using var document = JsonDocument.Parse(File.ReadAllText(file));
            var panels = document.RootElement.GetProperty("panels").EnumerateArray().ToList();
            Assert.NotEmpty(panels);
            Assert.Equal(panels.Count, panels.Select(p => p.GetProperty("id").GetInt32()).Distinct().Count());
            foreach (var panel in panels)
            {
                var uid = panel.GetProperty("datasource").GetProperty("uid").GetString();
                Assert.Contains("uid: " + uid, datasources, StringComparison.Ordinal);
            }
        }
    }

    /// <summary>The OpenTelemetry instrument a Prometheus series comes from: suffixes the exporter adds are removed, _ for .</summary>
    private static string InstrumentOf(string metric)
    {
        var name = ExporterSuffixes().Replace(metric, "");
        return name;
    }

    /// <summary>Instrument names passed to Meter.Create*("name", ...) anywhere in services/ and shared/, with . and - as _.</summary>
    private static HashSet<string> InstrumentNamesInCode()
    {
        var root = SharedData.RepositoryRoot;
        return new[] { "services", "shared" }
            .SelectMany(d => Directory.EnumerateFiles(Path.Combine(root, d), "*.cs", SearchOption.AllDirectories))
            .Where(f => !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("/bin/", StringComparison.Ordinal))
            .SelectMany(f => InstrumentCreation().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value))
            .Select(n => n.Replace('.', '_').Replace('-', '_'))
            .ToHashSet(StringComparer.Ordinal);
    }

    [GeneratedRegex("(_seconds|_milliseconds|_bytes|_ratio)?(_total)?(_bucket|_sum|_count)?$")]
    private static partial Regex ExporterSuffixes();

    [GeneratedRegex("Create(?:Counter|Histogram|UpDownCounter|Gauge|ObservableGauge|ObservableCounter|ObservableUpDownCounter)<\\w+>\\(\\s*\"([^\"]+)\"")]
    private static partial Regex InstrumentCreation();
}
