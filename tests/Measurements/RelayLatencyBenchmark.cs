namespace MediaMonitor.Measurements;

/// <summary>
/// Per-hop latency of the event-store relay (append and commit to consumer receipt over the real RabbitMQ), side by side
/// with publishing straight to the broker after the commit (the "no relay" baseline), in the same run.
/// Ends with: relay-bench: events=N relay_p50_ms=N relay_p99_ms=N direct_p50_ms=N direct_p99_ms=N
/// </summary>
public sealed class RelayLatencyBenchmark : IMeasurement
{
    public string Verb => "bench";

    public string Kind => "relay";

    public async Task<int> RunAsync(string[] args)
    {
        var events = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 300;
        const int perSecond = 50;
        await using var probe = await RelayProbe.StartAsync();

        var relay = await probe.RelayAsync(events, perSecond);
        var direct = await probe.DirectAsync(events, perSecond);

        Console.WriteLine($"relay (Marten subscription, polling {probe.PollingMilliseconds:0} ms): p50={Percentiles.At(relay, 0.50):0.0} ms p99={Percentiles.At(relay, 0.99):0.0} ms");
        Console.WriteLine($"direct publish after commit (baseline, no outbox guarantee): p50={Percentiles.At(direct, 0.50):0.0} ms p99={Percentiles.At(direct, 0.99):0.0} ms");
        Console.WriteLine(FormattableString.Invariant(
            $"relay-bench: events={events} relay_p50_ms={Percentiles.At(relay, 0.50):0} relay_p99_ms={Percentiles.At(relay, 0.99):0} direct_p50_ms={Percentiles.At(direct, 0.50):0} direct_p99_ms={Percentiles.At(direct, 0.99):0}"));
        return 0;
    }
}
