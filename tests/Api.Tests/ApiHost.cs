using MediaMonitor.ServiceDefaults;

namespace MediaMonitor.Api.Tests;

/// <summary>The Api wired as its Program.cs wires it.</summary>
public static class ApiHost
{
    public static readonly ServiceWiring Wiring = new(typeof(ApiWiring).Assembly, b => b.AddApi(), app =>
    {
        app.MapDefaultEndpoints();
        app.MapApi();
    });
}
