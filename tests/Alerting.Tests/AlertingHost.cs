namespace MediaMonitor.Alerting.Tests;

/// <summary>The Alerting service wired as its Program.cs wires it, and the host the pipeline tests put upstream of it.</summary>
public static class AlertingHost
{
    public static readonly ServiceWiring Wiring = new(typeof(AlertingWiring).Assembly, b => b.AddAlerting(), app =>
    {
        app.MapDefaultEndpoints();
        app.MapAlerting();
    });

    /// <summary>
    /// A host standing in for the Api and EntityTagging upstream of Alerting: a test appends what they would record, and it
    /// relays exactly what they relay (their lists in the contracts, not a copy) and runs the Api's inline read models that
    /// Alerting reads.
    /// </summary>
    public static readonly ServiceWiring Upstream = new(typeof(AlertingHost).Assembly, builder =>
    {
        builder.AddServiceDefaults(new ServiceTelemetry("Upstream"));
        builder.AddEventStore(opts =>
            {
                opts.AddSourceProjection();
                opts.AddSubscriptionProjection();
            })
            .RelayEvents("upstream", [.. ApiRelay.Events, .. EntityTaggingRelay.Events]);
        builder.AddMessageBus();
    }, app => app.MapDefaultEndpoints());
}
