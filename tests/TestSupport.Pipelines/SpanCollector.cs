using System.Collections.Concurrent;
using System.Diagnostics;

namespace MediaMonitor.TestSupport;

/// <summary>Collects, in process, every finished span of MediaMonitor's services and of MassTransit.</summary>
public sealed class SpanCollector : IDisposable
{
    private readonly ActivityListener _listener;

    public SpanCollector()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name.StartsWith("MediaMonitor.", StringComparison.Ordinal) || source.Name == "MassTransit",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity => Spans.Enqueue(activity),
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public ConcurrentQueue<Activity> Spans { get; } = new();

    public IReadOnlyList<Activity> InTrace(ActivityTraceId traceId) => [.. Spans.Where(s => s.TraceId == traceId)];

    public void Dispose() => _listener.Dispose();
}
