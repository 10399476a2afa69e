using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace MediaMonitor.ServiceDefaults.Tests;

public sealed class HostedServiceOrderTests
{
    [Fact]
    public void The_bus_starts_before_the_event_store_daemon_even_when_wired_after_it()
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Postgres"] = "Host=127.0.0.1;Port=1;Database=none;Username=none;Password=none",
        });
        builder.AddServiceDefaults(new ServiceTelemetry("OrderTest"));
        builder.AddEventStore();
        builder.AddMessageBus();

        var hosted = builder.Services.Where(d => d.ServiceType == typeof(IHostedService)).ToList();
        var busIndex = hosted.FindIndex(d => (d.ImplementationType ?? d.ImplementationFactory?.Method.ReturnType)?.Namespace?.StartsWith("MassTransit", StringComparison.Ordinal) == true);
        var martenIndex = hosted.FindIndex(d => (d.ImplementationType ?? d.ImplementationFactory?.Method.ReturnType)?.Namespace?.StartsWith("Marten", StringComparison.Ordinal) == true
            || (d.ImplementationType ?? d.ImplementationFactory?.Method.ReturnType)?.Namespace?.StartsWith("JasperFx", StringComparison.Ordinal) == true);
        Assert.True(busIndex >= 0, "MassTransit's hosted service is registered: " + string.Join(", ", hosted.Select(Describe)));
        Assert.True(martenIndex >= 0, "the event-store daemon's hosted service is registered: " + string.Join(", ", hosted.Select(Describe)));
        Assert.True(busIndex < martenIndex, "hosted services in order: " + string.Join(", ", hosted.Select(Describe)));
    }

    private static string Describe(ServiceDescriptor d) =>
        (d.ImplementationType ?? d.ImplementationInstance?.GetType() ?? d.ImplementationFactory?.Method.ReturnType)?.FullName ?? "?";
}
