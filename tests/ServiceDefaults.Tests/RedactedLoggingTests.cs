using MediaMonitor.ServiceDefaults.Logging;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace MediaMonitor.ServiceDefaults.Tests;

public sealed class RedactedLoggingTests
{
    [Theory]
    [InlineData("https://hooks.slack.com/services/T01/B01/xoxtoken", "https://hooks.slack.com/[redacted]")]
    [InlineData("https://hooks.example:8443/in?token=abc", "https://hooks.example:8443/[redacted]")]
    [InlineData("http://user:pw@hooks.example/", "http://hooks.example/")]
    [InlineData("https://hooks.example/", "https://hooks.example/")]
    public void A_logged_URL_keeps_scheme_host_and_port_only(string url, string logged) =>
        Assert.Equal(logged, RedactedUrl.Of(new Uri(url)));

    [Fact]
    public void ASP_NET_Cores_request_lines_stay_off_whatever_level_the_configuration_asks_for()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = "Trace",
            ["Logging:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics"] = "Information",
            ["Logging:Probe:LogLevel:Default"] = "Trace",
        }).Build();
        var probe = new ProbeProvider();
        var services = new ServiceCollection();
        services.AddLogging(logging =>
        {
            logging.AddConfiguration(configuration.GetSection("Logging"));
            logging.AddProvider(probe);
        });
        services.AddRedactedRequestLogs();
        using var provider = services.BuildServiceProvider();
        var factory = provider.GetRequiredService<ILoggerFactory>();

        factory.CreateLogger(IncomingRequestLog.HostingDiagnosticsCategory).LogInformation("Request starting GET /api/x?api_key=k");
        factory.CreateLogger("MediaMonitor.Api").LogInformation("an ordinary line");

        Assert.Equal(["MediaMonitor.Api: an ordinary line"], probe.Lines);
    }

    [ProviderAlias("Probe")]
    private sealed class ProbeProvider : ILoggerProvider
    {
        public ConcurrentQueue<string> Lines { get; } = new();

        public ILogger CreateLogger(string categoryName) => new ProbeLogger(categoryName, Lines);

        public void Dispose()
        {
        }

        private sealed class ProbeLogger(string category, ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                lines.Enqueue($"{category}: {formatter(state, exception)}");
        }
    }
}
