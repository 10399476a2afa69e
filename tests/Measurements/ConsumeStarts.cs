using System.Diagnostics;
using MediaMonitor.TestSupport;

namespace MediaMonitor.Measurements;

/// <summary>
/// When each message began to be consumed, from MassTransit's receive and consume spans (a <see cref="SpanCollector"/>
/// in this process). The message id is the event id and each pipeline event has one consumer, so a hop splits into relay
/// and queue (event commit to consume start) and the consuming service's own work (consume start to its next event).
/// </summary>
public sealed class ConsumeStarts
{
    private static readonly string[] MessageIdTags = ["messaging.message_id", "messaging.message.id", "messaging.masstransit.message_id"];

    private readonly Dictionary<Guid, DateTimeOffset> _starts = [];

    public ConsumeStarts(IEnumerable<Activity> spans)
    {
        var all = spans.Where(s => s.Source.Name == "MassTransit").ToList();
        var bySpan = all.GroupBy(s => s.SpanId).ToDictionary(g => g.Key, g => g.First());
        foreach (var span in all.Where(s => s.Kind != ActivityKind.Producer))
        {
            // The receive span carries the message id; a consume span below it may not, so look up its parents.
            var carrier = span;
            Guid? id = null;
            while (carrier is not null && (id = MessageIdOf(carrier)) is null)
            {
                carrier = bySpan.GetValueOrDefault(carrier.ParentSpanId);
            }

            if (id is { } messageId)
            {
                var start = new DateTimeOffset(span.StartTimeUtc, TimeSpan.Zero);
                if (!_starts.TryGetValue(messageId, out var known) || start < known)
                {
                    _starts[messageId] = start;
                }
            }
        }

        if (_starts.Count == 0 && all.Count > 0)
        {
            Console.Error.WriteLine("no consume span named its message id; MassTransit span tags seen: " +
                string.Join(", ", all.SelectMany(s => s.TagObjects.Select(t => $"{s.Kind}:{t.Key}")).Distinct().Order()));
        }
    }

    public int Count => _starts.Count;

    /// <summary>When the message (event id) began to be consumed, if a span says.</summary>
    public DateTimeOffset? Of(Guid? messageId) => messageId is { } id && _starts.TryGetValue(id, out var start) ? start : null;

    private static Guid? MessageIdOf(Activity span) =>
        span.TagObjects.Where(t => MessageIdTags.Contains(t.Key))
            .Select(t => Guid.TryParse(t.Value?.ToString(), out var g) ? g : (Guid?)null)
            .FirstOrDefault(g => g is not null);
}
