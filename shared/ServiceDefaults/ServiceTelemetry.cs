using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace MediaMonitor.ServiceDefaults;

/// <summary>The one ActivitySource and Meter of a service, both named MediaMonitor.&lt;Service&gt;.</summary>
public sealed class ServiceTelemetry : IDisposable
{
    public ServiceTelemetry(string serviceName, string version = "1.0.0")
    {
        ServiceName = serviceName;
        Name = "MediaMonitor." + serviceName;
        ActivitySource = new ActivitySource(Name, version);
        Meter = new Meter(Name, version);
    }

    public string ServiceName { get; }

    public string Name { get; }

    public ActivitySource ActivitySource { get; }

    public Meter Meter { get; }

    public void Dispose()
    {
        ActivitySource.Dispose();
        Meter.Dispose();
    }
}
