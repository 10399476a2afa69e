using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace MediaMonitor.TestSupport;

/// <summary>
/// What one instrument of one meter (a service's own <c>ServiceTelemetry.Meter</c>, so another test's service in the same
/// process is not counted) records while the test runs: a signal to wait on ("the push's items are handled") or the
/// evidence that something happened ("the recovery restarted this shard").
/// </summary>
public sealed class InstrumentRecorder : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<(long Value, KeyValuePair<string, object?>[] Tags)> _measurements = new();

    public InstrumentRecorder(Meter meter, string instrumentName)
    {
        ArgumentNullException.ThrowIfNull(meter);
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter == meter && instrument.Name == instrumentName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) => _measurements.Enqueue((value, tags.ToArray())));
        _listener.Start();
    }

    /// <summary>The sum of the values recorded (a counter's increase since the recorder started).</summary>
    public long Total => _measurements.Sum(m => m.Value);

    /// <summary>The values the tag <paramref name="key"/> had in the measurements recorded.</summary>
    public IReadOnlyList<object?> TagValues(string key) =>
        _measurements.SelectMany(m => m.Tags).Where(t => t.Key == key).Select(t => t.Value).ToList();

    public void Dispose() => _listener.Dispose();
}
