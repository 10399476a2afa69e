using System.Diagnostics.Metrics;
using MediaMonitor.Contracts.Alerting;
using MediaMonitor.Contracts.Crawler;
using MediaMonitor.ServiceDefaults;

namespace MediaMonitor.Alerting;

/// <summary>The Alerting service's instruments on the MediaMonitor.Alerting meter.</summary>
public sealed class AlertingMetrics
{
    private readonly Counter<long> _matches;
    private readonly Counter<long> _raised;
    private readonly Counter<long> _updated;
    private readonly Counter<long> _delivered;
    private readonly Counter<long> _failed;
    private readonly Counter<long> _deadLettered;
    private readonly Histogram<double> _latency;
    private readonly Counter<long> _notices;
    private readonly Counter<long> _spikes;

    public AlertingMetrics(ServiceTelemetry telemetry)
    {
        var meter = telemetry.Meter;
        _matches = meter.CreateCounter<long>("mediamonitor.alerting.matches", "{match}", "Subscriptions matched by tagged articles");
        _raised = meter.CreateCounter<long>("mediamonitor.alerting.alerts.raised", "{alert}", "Alerts raised (one per subscription and story)");
        _updated = meter.CreateCounter<long>("mediamonitor.alerting.alerts.updated", "{alert}", "Later copies counted on an existing alert");
        _delivered = meter.CreateCounter<long>("mediamonitor.alerting.alerts.delivered", "{alert}", "Alerts delivered, by channel");
        _failed = meter.CreateCounter<long>("mediamonitor.alerting.deliveries.failed", "{attempt}", "Failed delivery attempts, by channel");
        _deadLettered = meter.CreateCounter<long>("mediamonitor.alerting.alerts.dead_lettered", "{alert}", "Alerts given up on after the retry window, by channel");
        _notices = meter.CreateCounter<long>("mediamonitor.alerting.notices.sent", "{notice}", "Digests and spike notices sent, by kind and channel");
        _spikes = meter.CreateCounter<long>("mediamonitor.alerting.spikes.detected", "{spike}", "Coverage spikes recorded (SpikeDetected)");
        _latency = meter.CreateHistogram<double>("mediamonitor.alerting.alert.latency", "s", "Time from the first article's ArticleFetched to the alert's delivery");
    }

    public void Matched(int subscriptions) => _matches.Add(subscriptions);

    /// <summary>Counts what one matching decision appended.</summary>
    public void Recorded(IEnumerable<object> events)
    {
        foreach (var e in events)
        {
            switch (e)
            {
                case AlertRaised:
                    _raised.Add(1);
                    break;
                case AlertUpdated:
                    _updated.Add(1);
                    break;
            }
        }
    }

    public void Delivered(string channel, TimeSpan? sinceFetched)
    {
        _delivered.Add(1, Channel(channel));
        if (sinceFetched is { } latency)
        {
            _latency.Record(Math.Max(0, latency.TotalSeconds), Channel(channel));
        }
    }

    public void NoticeSent(string kind, string channel) => _notices.Add(1, new KeyValuePair<string, object?>("kind", kind), Channel(channel));

    public void SpikeDetected() => _spikes.Add(1);

    public void Failed(string channel) => _failed.Add(1, Channel(channel));

    public void DeadLettered(string channel) => _deadLettered.Add(1, Channel(channel));

    private static KeyValuePair<string, object?> Channel(string channel) => new("channel", channel);
}
