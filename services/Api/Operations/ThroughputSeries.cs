using MediaMonitor.Contracts.Alerting;
using MediaMonitor.Contracts.Crawler;
using MediaMonitor.Contracts.Deduplication;
using MediaMonitor.Contracts.EntityTagging;
using MediaMonitor.ServiceDefaults.EventSchema;

namespace MediaMonitor.Api.Operations;

/// <summary>The pipeline's steps as stored event types, and the per-minute series built from counts per type and minute.</summary>
public static class ThroughputSeries
{
    public const int Minutes = 60;

    /// <summary>Step name to the event type (mt_events.type) that records it, in pipeline order.</summary>
    public static readonly IReadOnlyList<(string Step, string EventType)> Steps =
    [
        ("discovered", StoredEventNames.Of<ArticleDiscovered>()),
        ("fetched", StoredEventNames.Of<ArticleFetched>()),
        ("deduplicated", StoredEventNames.Of<ArticleDeduplicated>()),
        ("tagged", StoredEventNames.Of<EntitiesTagged>()),
        ("alerted", StoredEventNames.Of<AlertRaised>()),
    ];

    /// <summary>The window ending now: <see cref="Minutes"/> whole minutes, the last one the current (partial) minute.</summary>
    public static (DateTimeOffset From, DateTimeOffset To) Window(DateTimeOffset now)
    {
        var minute = new DateTimeOffset(now.UtcTicks - now.UtcTicks % TimeSpan.TicksPerMinute, TimeSpan.Zero);
        return (minute.AddMinutes(1 - Minutes), now);
    }

    /// <summary>Every minute of the window (zeros where nothing happened) from rows (event type, minute, count); other types are ignored.</summary>
    public static PipelineThroughput Build(DateTimeOffset from, DateTimeOffset to, IEnumerable<(string EventType, DateTimeOffset Minute, long Count)> rows)
    {
        var stepOf = Steps.ToDictionary(s => s.EventType, s => s.Step, StringComparer.Ordinal);
        var counts = new Dictionary<(string Step, DateTimeOffset Minute), long>();
        foreach (var (type, minute, count) in rows)
        {
            if (stepOf.TryGetValue(type, out var step))
            {
                var key = (step, minute.ToUniversalTime());
                counts[key] = counts.GetValueOrDefault(key) + count;
            }
        }

        var minutes = new List<ThroughputMinute>(Minutes);
        for (var m = from.ToUniversalTime(); m < to; m = m.AddMinutes(1))
        {
            var at = m;
            minutes.Add(new ThroughputMinute(at, Steps.ToDictionary(s => s.Step, s => counts.GetValueOrDefault((s.Step, at)))));
        }

        var totals = Steps.ToDictionary(s => s.Step, s => minutes.Sum(x => x.Counts[s.Step]));
        return new PipelineThroughput(from, to, [.. Steps.Select(s => s.Step)], minutes, totals);
    }
}
