namespace MediaMonitor.Crawler.Tests.Fixtures;

/// <summary>The Crawler wired as Program.cs wires it, polling every second and allowed to reach the 127.0.0.1 fixtures.</summary>
public static class CrawlerHost
{
    public static readonly ServiceWiring Wiring = new(typeof(CrawlerWiring).Assembly, b => b.AddCrawler(), app =>
    {
        app.MapDefaultEndpoints();
        app.MapCrawler();
    });

    public static Task<ServiceHost> StartAsync(TestEnvironment environment, IDictionary<string, string?>? overrides = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Crawler:PollIntervalSeconds"] = "1",
            ["Crawler:AllowedNetworks:0"] = "127.0.0.1/32",
            ["Crawler:MinHostDelayMilliseconds"] = "0",

            // Tests count polls by their SourcePolled events: every poll recorded, unless a test asks for the heartbeat.
            ["Crawler:PollHeartbeatSeconds"] = "0",
            ["EventStore:DaemonMode"] = "Solo",
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return environment.StartAsync(Wiring, settings);
    }
}
