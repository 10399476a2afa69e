using MediaMonitor.Operations.Tests.Kubernetes;

namespace MediaMonitor.Operations.Tests.Monitoring;

public sealed class PrometheusRuleTests
{
    private static string PrometheusDir => Path.Combine(SharedData.RepositoryRoot, "deploy", "prometheus");

    [SkippableFact]
    public void Promtool_accepts_the_scrape_configuration_and_the_rule_files_it_loads()
    {
        var output = Promtool("check", "config", Path.Combine(PrometheusDir, "prometheus.yml"));

        Assert.Contains("SUCCESS", output, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void Promtool_accepts_every_rule_file()
    {
        var files = Directory.GetFiles(Path.Combine(PrometheusDir, "rules"), "*.yml");

        var output = Promtool(["check", "rules", .. files]);

        Assert.NotEmpty(files);
        Assert.Contains("SUCCESS", output, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void Every_alert_fires_on_the_series_of_its_unit_test_and_not_on_healthy_ones()
    {
        var output = Promtool("test", "rules", Path.Combine(PrometheusDir, "tests", "mediamonitor.test.yml"));

        Assert.Contains("SUCCESS", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_alert_has_a_unit_test_and_a_runbook_section_in_the_operations_guide()
    {
        var operations = File.ReadAllText(Path.Combine(SharedData.RepositoryRoot, "docs", "OPERATIONS.md"));
        var unitTests = File.ReadAllText(Path.Combine(PrometheusDir, "tests", "mediamonitor.test.yml"));

        var alerts = PrometheusRules.Load(PrometheusDir).Select(r => r.Alert).ToList();

        Assert.NotEmpty(alerts);
        Assert.All(alerts, alert =>
        {
            Assert.Contains("### " + alert, operations, StringComparison.Ordinal);
            Assert.Contains("alertname: " + alert, unitTests, StringComparison.Ordinal);
        });
    }

    private static string Promtool(params string[] arguments)
    {
        Skip.If(Tool.Find("promtool") is null,
            "promtool is not on PATH: deploy/local/test.sh installs the apt package prometheus (mm_ensure_packages).");
        var (exit, stdout, stderr) = Tool.Run("promtool", arguments, TimeSpan.FromSeconds(60));
        Assert.True(exit == 0, $"promtool {string.Join(' ', arguments)} failed ({exit}):\n{stdout}\n{stderr}");
        return stdout + stderr;
    }
}
