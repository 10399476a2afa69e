using System.Net;
using System.Net.Sockets;
using System.Text;

namespace MediaMonitor.ServiceDefaults.Tests;

/// <summary>The images' HEALTHCHECK (<c>dotnet X.dll --health-probe url</c>) against a real socket answering fixed statuses.</summary>
public sealed class HealthProbeTests
{
    [Fact]
    public void Only_a_first_argument_of_health_probe_selects_the_probe()
    {
        Assert.True(HealthProbe.IsRequested(["--health-probe"]));
        Assert.True(HealthProbe.IsRequested(["--health-probe", "http://127.0.0.1:1/health/live"]));
        Assert.False(HealthProbe.IsRequested([]));
        Assert.False(HealthProbe.IsRequested(["--urls", "--health-probe"]));
    }

    [Theory]
    [InlineData("200 OK", 0)]
    [InlineData("503 Service Unavailable", 1)]
    public async Task Probe_exits_zero_only_when_the_endpoint_answers_success(string status, int expected)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var serving = AnswerOnceAsync(listener, status);

        var exit = await HealthProbe.RunAsync([HealthProbe.Argument, $"http://127.0.0.1:{port}/health/live"]);
        var path = await serving;

        Assert.Equal(expected, exit);
        Assert.Equal("/health/live", path);
    }

    [Fact]
    public async Task Probe_exits_one_when_nothing_listens()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        Assert.Equal(1, await HealthProbe.RunAsync([HealthProbe.Argument, $"http://127.0.0.1:{port}/health/live"], TimeSpan.FromSeconds(5)));
    }

    private static async Task<string> AnswerOnceAsync(TcpListener listener, string status)
    {
        using var client = await listener.AcceptTcpClientAsync();
        var stream = client.GetStream();
        using var reader = new StreamReader(stream, Encoding.ASCII, leaveOpen: true);
        var requestLine = await reader.ReadLineAsync() ?? "";
        while (!string.IsNullOrEmpty(await reader.ReadLineAsync()))
        {
        }

        var body = "{}";
        var response = $"HTTP/1.1 {status}\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n{body}";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(response));
        return requestLine.Split(' ')[1];
    }
}
