using Microsoft.Extensions.Options;

namespace MediaMonitor.ServiceDefaults.Tests;

public sealed class MessageBusSettingsTests
{
    [Fact]
    public void The_bus_sends_no_usage_telemetry_to_its_vendor()
    {
        var builder = WebApplication.CreateBuilder();
        builder.AddMessageBus();
        using var services = builder.Services.BuildServiceProvider();

        Assert.False(services.GetRequiredService<IOptions<UsageTelemetryOptions>>().Value.Enabled);
    }
}
