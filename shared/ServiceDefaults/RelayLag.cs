using System.Diagnostics.Metrics;

namespace MediaMonitor.ServiceDefaults;

/// <summary>Time from an event's commit to its publication on the broker (the relay hop).</summary>
public sealed class RelayLag
{
    private readonly Histogram<double> _lag;

    public RelayLag(ServiceTelemetry telemetry)
    {
        _lag = telemetry.Meter.CreateHistogram<double>("mediamonitor.relay.lag", "s", "Time from event append to publication on RabbitMQ");
    }

    public void Record(DateTimeOffset appendedAt)
    {
        var seconds = (DateTimeOffset.UtcNow - appendedAt).TotalSeconds;
        _lag.Record(Math.Max(0, seconds));
    }
}
