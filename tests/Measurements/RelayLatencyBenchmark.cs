using System.Collections.Concurrent;
using System.Diagnostics;
using Marten;
using MassTransit;
using MediaMonitor.Contracts;
using MediaMonitor.ServiceDefaults;
using MediaMonitor.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

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
        var perSecond = 50;
        var db = await TestServers.CreateDatabaseAsync("relaybench");
        var vhost = await TestServers.CreateVirtualHostAsync("relaybench");
        var clock = new ReceiptClock();

        await using var host = await ServiceHost.StartAsync(
            typeof(RelayLatencyBenchmark).Assembly,
            TestServers.ServiceSettings(db, vhost),
            builder =>
            {
                builder.AddServiceDefaults(new ServiceTelemetry("RelayBench"));
                builder.AddEventStore().RelayEvents("relaybench", typeof(SourcePolled));
                builder.Services.AddSingleton(clock);
                builder.AddMessageBus(bus => bus.AddConsumer<ReceiptConsumer>());
            },
            _ => { });
        var store = host.Services.GetRequiredService<IDocumentStore>();
        var bus = host.Services.GetRequiredService<IBus>();

        // Warm up both paths.
        await AppendAsync(store, Guid.NewGuid(), "warmup");
        await bus.Publish(new SourcePolled(Guid.NewGuid(), 0, "warmup", null, false, DateTimeOffset.UtcNow));
        await Task.Delay(1000);
        clock.Reset();

        var relay = await MeasureAsync(events, perSecond, clock, id => AppendAsync(store, id, "relay"));
        var direct = await MeasureAsync(events, perSecond, clock, async id =>
        {
            await AppendAsync(store, Guid.NewGuid(), "direct-commit");
            await bus.Publish(new SourcePolled(id, 0, "direct", null, false, DateTimeOffset.UtcNow));
        });

        Console.WriteLine($"relay (Marten subscription, polling {host.Services.GetRequiredService<Marten.StoreOptions>().Projections.FastPollingTime.TotalMilliseconds:0} ms): p50={relay.P50:0.0} ms p99={relay.P99:0.0} ms");
        Console.WriteLine($"direct publish after commit (baseline, no outbox guarantee): p50={direct.P50:0.0} ms p99={direct.P99:0.0} ms");
        Console.WriteLine(FormattableString.Invariant(
            $"relay-bench: events={events} relay_p50_ms={relay.P50:0} relay_p99_ms={relay.P99:0} direct_p50_ms={direct.P50:0} direct_p99_ms={direct.P99:0}"));
        return 0;
    }

    private static async Task AppendAsync(IDocumentStore store, Guid sourceId, string etag)
    {
        await using var session = store.LightweightSession();
        session.Events.Append(sourceId, new SourcePolled(sourceId, 0, etag, null, false, DateTimeOffset.UtcNow));
        await session.SaveChangesAsync();
    }

    private static async Task<(double P50, double P99)> MeasureAsync(int count, int perSecond, ReceiptClock clock, Func<Guid, Task> send)
    {
        var sent = new Dictionary<Guid, long>();
        var interval = TimeSpan.FromSeconds(1.0 / perSecond);
        for (var i = 0; i < count; i++)
        {
            var id = Guid.NewGuid();
            var started = Stopwatch.GetTimestamp();
            sent[id] = started;
            await send(id);
            var elapsed = Stopwatch.GetElapsedTime(started);
            if (elapsed < interval)
            {
                await Task.Delay(interval - elapsed);
            }
        }

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (sent.Keys.Any(id => !clock.Received.ContainsKey(id)) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        var latencies = sent
            .Where(s => clock.Received.ContainsKey(s.Key))
            .Select(s => Stopwatch.GetElapsedTime(s.Value, clock.Received[s.Key]).TotalMilliseconds)
            .Order()
            .ToArray();
        if (latencies.Length < count)
        {
            Console.Error.WriteLine($"warning: {count - latencies.Length} of {count} messages did not arrive within 30 s");
        }

        return (Percentile(latencies, 0.50), Percentile(latencies, 0.99));
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    public sealed class ReceiptClock
    {
        public ConcurrentDictionary<Guid, long> Received { get; } = new();

        public void Reset() => Received.Clear();
    }

    public sealed class ReceiptConsumer(ReceiptClock clock) : IConsumer<SourcePolled>
    {
        public Task Consume(ConsumeContext<SourcePolled> context)
        {
            clock.Received.TryAdd(context.Message.SourceId, Stopwatch.GetTimestamp());
            return Task.CompletedTask;
        }
    }
}
