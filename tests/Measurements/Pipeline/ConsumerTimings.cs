using System.Globalization;
using System.Text.RegularExpressions;
using MediaMonitor.Measurements.Chaos;

namespace MediaMonitor.Measurements.PipelineRun;

/// <summary>
/// MassTransit's own histograms, read from each service's Prometheus endpoint: per consumer, the delivery time (from the
/// relay's publish to the consumer's start: the broker's queue and the prefetch buffer) and the consume time (the
/// consumer's work, its waits for locks and turns included). Read before and after a phase, they split a stage's latency
/// into the relay's lag (what is left), the queue and the work.
/// </summary>
public static partial class ConsumerTimings
{
    private static readonly string[] Measured = ["delivery", "consume"];

    /// <summary>(consumer, delivery or consume) -> (bucket upper bounds and cumulative counts, sum ms, count) now.</summary>
    public static async Task<Dictionary<(string Consumer, string Kind), Histogram>> ReadAsync(IEnumerable<ServiceProcess> services)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var read = new Dictionary<(string, string), Histogram>();
        foreach (var service in services)
        {
            var text = await ReadMetricsAsync(http, service);
            if (text is null)
            {
                continue;
            }

            foreach (Match m in Line().Matches(text))
            {
                var key = (m.Groups["consumer"].Value, m.Groups["kind"].Value);
                var histogram = read.TryGetValue(key, out var h) ? h : read[key] = new Histogram();
                var value = double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture);
                switch (m.Groups["part"].Value)
                {
                    case "sum": histogram.Sum += value; break;
                    case "count": histogram.Count += value; break;
                    default:
                        var le = m.Groups["le"].Value;
                        var bound = le == "+Inf" ? double.PositiveInfinity : double.Parse(le, CultureInfo.InvariantCulture);
                        histogram.Buckets[bound] = histogram.Buckets.GetValueOrDefault(bound) + value;
                        break;
                }
            }
        }

        return read;
    }

    /// <summary>
    /// A service's /metrics text, or null when it cannot be read (a stopped service: its consumers are left out). A busy
    /// service on a loaded machine may answer late: three tries of 30 s each before a run gives that reading up, instead
    /// of the one 10 s timeout that used to end a whole run with a TaskCanceledException.
    /// </summary>
    private static async Task<string?> ReadMetricsAsync(HttpClient http, ServiceProcess service)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await http.GetStringAsync(new Uri(service.BaseAddress, "/metrics"));
            }
            catch (HttpRequestException)
            {
                return null;
            }
            catch (TaskCanceledException) when (attempt < 3)
            {
                Console.Error.WriteLine($"  {service.Name}: /metrics did not answer in {http.Timeout.TotalSeconds:0} s (try {attempt} of 3)");
            }
        }
    }

    /// <summary>Mean and median (from the buckets) of each consumer's delivery and consume time between two readings.</summary>
    public static string Between(
        IReadOnlyDictionary<(string Consumer, string Kind), Histogram> before, IReadOnlyDictionary<(string Consumer, string Kind), Histogram> after,
        IEnumerable<string> consumers)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var parts = new List<string>();
        foreach (var consumer in consumers)
        {
            var figures = Measured.Select(kind =>
            {
                if (!after.TryGetValue((consumer, kind), out var end))
                {
                    return $"{kind} -";
                }

                var phase = end.Minus(before.GetValueOrDefault((consumer, kind)) ?? new Histogram());
                return phase.Count == 0 ? $"{kind} -" : string.Create(CultureInfo.InvariantCulture,
                    $"{kind} mean {phase.Sum / phase.Count:0} p50 {phase.Quantile(0.5):0} p99 {phase.Quantile(0.99):0}");
            });
            var count = after.TryGetValue((consumer, "consume"), out var c) ? c.Minus(before.GetValueOrDefault((consumer, "consume")) ?? new Histogram()).Count : 0;
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{consumer} ({count:0} messages): {string.Join(", ", figures)}"));
        }

        return string.Join("; ", parts);
    }

    [GeneratedRegex("""^messaging_masstransit_(?<kind>delivery|consume)_duration_milliseconds_(?<part>bucket|sum|count)\{[^}]*messaging_masstransit_consumer_type="(?<consumer>[^"]+)"(?:[^}]*le="(?<le>[^"]+)")?[^}]*\} (?<value>\S+)$""", RegexOptions.Multiline)]
    private static partial Regex Line();

    /// <summary>A cumulative Prometheus histogram: bucket upper bound -> observations at or under it, their sum and count.</summary>
    public sealed class Histogram
    {
        public SortedDictionary<double, double> Buckets { get; } = [];

        public double Sum { get; set; }

        public double Count { get; set; }

        public Histogram Minus(Histogram earlier)
        {
            ArgumentNullException.ThrowIfNull(earlier);
            var difference = new Histogram { Sum = Sum - earlier.Sum, Count = Count - earlier.Count };
            foreach (var (bound, count) in Buckets)
            {
                difference.Buckets[bound] = count - earlier.Buckets.GetValueOrDefault(bound);
            }

            return difference;
        }

        /// <summary>The bucket bound under which <paramref name="q"/> of the observations fall (linear within the bucket).</summary>
        public double Quantile(double q)
        {
            var target = q * Count;
            var lower = 0.0;
            var below = 0.0;
            foreach (var (bound, cumulative) in Buckets)
            {
                if (cumulative >= target)
                {
                    if (double.IsPositiveInfinity(bound))
                    {
                        return lower;
                    }

                    var inBucket = cumulative - below;
                    return inBucket <= 0 ? bound : lower + ((bound - lower) * (target - below) / inBucket);
                }

                (lower, below) = (bound, cumulative);
            }

            return lower;
        }
    }
}
