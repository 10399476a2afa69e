namespace MediaMonitor.TestSupport;

/// <summary>
/// What the five services running together on 127.0.0.1 need besides the servers' settings: the admin key, loopback
/// allowed as a network for every service that connects out (the tests' sites and webhooks listen there), a one-second
/// poll and no per-host delay. In-process (Pipeline) and as processes (Operations' RunningPipeline, after turning the
/// keys into environment variables).
/// </summary>
public static class PipelineSettings
{
    public static void AddTo(IDictionary<string, string?> settings, string adminKey)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings["Api:AdminKey"] = adminKey;
        settings["Crawler:PollIntervalSeconds"] = "1";
        settings["Crawler:AllowedNetworks:0"] = "127.0.0.1/32";
        settings["Alerting:AllowedNetworks:0"] = "127.0.0.1/32";
        settings["Api:AllowedWebhookNetworks:0"] = "127.0.0.1/32";
        settings["Crawler:MinHostDelayMilliseconds"] = "0";
    }
}
