using MediaMonitor.ServiceDefaults;

namespace MediaMonitor.EntityTagging.Tests;

/// <summary>The EntityTagging service wired as its Program.cs wires it.</summary>
public static class EntityTaggingHost
{
    public static readonly ServiceWiring Wiring = new(typeof(EntityTaggingWiring).Assembly, b => b.AddEntityTagging(), app =>
    {
        app.MapDefaultEndpoints();
        app.MapEntityTagging();
    });
}
