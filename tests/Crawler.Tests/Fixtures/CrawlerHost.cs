using MediaMonitor.ServiceDefaults;
using MediaMonitor.TestSupport;

namespace MediaMonitor.Crawler.Tests.Fixtures;

/// <summary>The Crawler wired as Program.cs wires it, polling every second and allowed to reach the 127.0.0.1 fixtures.</summary>
public static class CrawlerHost
{
    public static Task<ServiceHost> StartAsync(string db, string vhost, IDictionary<string, string?>? overrides = null)
    {
        var settings = TestServers.ServiceSettings(db, vhost);
        settings["Crawler:PollIntervalSeconds"] = "1";
        settings["Crawler:AllowedNetworks:0"] = "127.0.0.1/32";
        settings["Crawler:MinHostDelayMilliseconds"] = "0";
        settings["EventStore:DaemonMode"] = "Solo";
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return ServiceHost.StartAsync(typeof(CrawlerWiring).Assembly, settings, b => b.AddCrawler(), app =>
        {
            app.MapDefaultEndpoints();
            app.MapCrawler();
        });
    }
}
