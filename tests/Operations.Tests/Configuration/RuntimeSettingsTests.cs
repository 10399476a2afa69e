using System.Text.Json;

namespace MediaMonitor.Operations.Tests.Configuration;

/// <summary>
/// The collector each service runs with comes from its runtimeconfig.json, on the host and in the images alike: the
/// Crawler, EntityTagging and Alerting run Workstation GC, whose smaller gen0 budget kept them under the 400 MB goal in
/// bench pipeline; the others keep Server GC (docs/PERFORMANCE.md, "Workstation GC for the Crawler and EntityTagging"
/// and "Where the Crawler's and Alerting's memory went").
/// </summary>
public sealed class RuntimeSettingsTests
{
    [Theory]
    [InlineData("Crawler", false)]
    [InlineData("EntityTagging", false)]
    [InlineData("Api", true)]
    [InlineData("Deduplication", true)]
    [InlineData("Alerting", false)]
    public void Each_service_runs_the_collector_chosen_for_its_memory(string service, bool serverGc)
    {
        using var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, $"MediaMonitor.{service}.runtimeconfig.json")));
        var properties = config.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");

        Assert.Equal(serverGc, properties.TryGetProperty("System.GC.Server", out var server) && server.GetBoolean());
    }
}
