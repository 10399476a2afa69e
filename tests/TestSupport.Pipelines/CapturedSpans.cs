using System.Collections.Concurrent;
using System.Diagnostics;
using OpenTelemetry;

namespace MediaMonitor.TestSupport;

/// <summary>Every span the services' tracer providers end during a run, as "Kind name tag=value ..." (for the secret scan).</summary>
public sealed class CapturedSpans
{
    public ConcurrentQueue<string> Lines { get; } = new();

    /// <summary>A processor for one service's tracer provider (each provider disposes its own) writing into <see cref="Lines"/>.</summary>
    public BaseProcessor<Activity> NewProcessor() => new LineProcessor(Lines);

    private sealed class LineProcessor(ConcurrentQueue<string> lines) : BaseProcessor<Activity>
    {
        public override void OnEnd(Activity data) =>
            lines.Enqueue($"{data.Kind} {data.DisplayName} " + string.Join(' ', data.TagObjects.Select(t => $"{t.Key}={t.Value}")));
    }
}
