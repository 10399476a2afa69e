using MediaMonitor.ServiceDefaults;
using MediaMonitor.TestSupport;

namespace MediaMonitor.Alerting.Tests;

/// <summary>The Alerting service wired as its Program.cs wires it.</summary>
public static class AlertingHost
{
    public static readonly ServiceWiring Wiring = new(typeof(AlertingWiring).Assembly, b => b.AddAlerting(), app =>
    {
        app.MapDefaultEndpoints();
        app.MapAlerting();
    });
}
