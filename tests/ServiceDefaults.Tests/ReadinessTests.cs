using System.Net;
using System.Text.Json;

namespace MediaMonitor.ServiceDefaults.Tests;

/// <summary>/health/ready answers 200 only while every ready check is Healthy: a Degraded bus is not ready.</summary>
public sealed class ReadinessTests
{
    [Fact]
    public async Task A_consumer_whose_RabbitMQ_connection_is_gone_is_not_ready_and_is_ready_again_when_it_returns()
    {
        var env = await TestEnvironment.CreateAsync("readiness");
        await using var broker = TcpRelay.Start(TestServers.RabbitHost, TestServers.RabbitPort);
        var settings = env.Settings;
        settings["RabbitMq:Port"] = broker.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await using var host = await ServiceHost.StartAsync(
            typeof(ReadinessTests).Assembly,
            settings,
            builder =>
            {
                builder.AddServiceDefaults(new ServiceTelemetry("ReadinessTest"));
                builder.AddEventStore();
                builder.Services.AddSingleton(new ConcurrentDictionary<Guid, ArticleFetched>());
                builder.AddMessageBus(bus => bus.AddConsumer<RecordingConsumer>());
            },
            app => app.MapDefaultEndpoints());
        using var http = host.CreateClient();

        await ReadyAsync(http, r => r.Status == HttpStatusCode.OK, "ready with the broker reachable");

        broker.Cut();
        var down = await ReadyAsync(http, r => OverallStatus(r.Body) != "Healthy", "the bus to report it lost RabbitMQ");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, down.Status);
        // Every answer while the broker stays away says "not ready", whatever state the bus passes through while reconnecting.
        for (var i = 0; i < 10; i++)
        {
            await Task.Delay(200);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await GetReadyAsync(http)).Status);
        }

        broker.Restore();
        await ReadyAsync(http, r => r.Status == HttpStatusCode.OK, "ready again once the broker is back");
    }

    private static string? OverallStatus(string body) => JsonDocument.Parse(body).RootElement.GetProperty("status").GetString();

    private static Task<(HttpStatusCode Status, string Body)> ReadyAsync(HttpClient http, Func<(HttpStatusCode Status, string Body), bool> done, string what) =>
        Eventually.Until(() => GetReadyAsync(http), done, TimeSpan.FromSeconds(60), what, r => $"{(int)r.Status} {r.Body}");

    private static async Task<(HttpStatusCode Status, string Body)> GetReadyAsync(HttpClient http)
    {
        using var response = await http.GetAsync(new Uri("/health/ready", UriKind.Relative));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
