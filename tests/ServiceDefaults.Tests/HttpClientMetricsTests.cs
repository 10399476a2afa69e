namespace MediaMonitor.ServiceDefaults.Tests;

public sealed class HttpClientMetricsTests
{
    [Fact]
    public async Task Outgoing_request_metrics_are_exported_without_the_hosts_so_their_series_do_not_grow_with_the_hosts_called()
    {
        var env = await TestEnvironment.CreateAsync("http_client_metrics");
        await using var host = await ServiceHost.StartAsync(
            typeof(HttpClientMetricsTests).Assembly,
            env.Settings,
            builder => builder.AddServiceDefaults(new ServiceTelemetry("HttpClientMetricsTest")),
            app => app.MapDefaultEndpoints());
        using var http = host.CreateClient();

        // Requests to four hosts: the service itself, and three loopback addresses where nothing listens.
        Assert.True((await http.GetAsync(new Uri("/health/live", UriKind.Relative))).IsSuccessStatusCode);
        foreach (var address in new[] { "127.0.0.2", "127.0.0.3", "127.0.0.4" })
        {
            await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync(new Uri($"http://{address}:{host.BaseAddress.Port}/")));
        }

        var series = (await http.GetStringAsync(new Uri("/metrics", UriKind.Relative)))
            .Split('\n').Where(l => l.StartsWith("http_client_request_duration_seconds_count", StringComparison.Ordinal)).ToList();

        Assert.Contains(series, l => l.Contains("http_response_status_code=\"200\"", StringComparison.Ordinal));
        Assert.Contains(series, l => l.Contains("error_type=", StringComparison.Ordinal));
        Assert.DoesNotContain(series, l => l.Contains("server_address", StringComparison.Ordinal) || l.Contains("server_port", StringComparison.Ordinal));
    }
}
