using System.Collections.Concurrent;
using System.Diagnostics;
using Marten;
using MassTransit;
using MediaMonitor.Contracts.Crawler;
using MediaMonitor.ServiceDefaults;
using MediaMonitor.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace MediaMonitor.Measurements;

/// <summary>
/// One relay hop on its own, on a fresh database and virtual host of the real servers: a host that appends SourcePolled
/// events (one per commit) and consumes them back through its own relay, timing append to consumer receipt.
/// </summary>
public sealed class RelayProbe : IAsyncDisposable
{
    private readonly ServiceHost _host;
    private readonly ReceiptClock _clock;

    private RelayProbe(ServiceHost host, ReceiptClock clock)
    {
        _host = host;
        _clock = clock;
    }

    /// <summary>The relay's daemon polling (EventStore:PollingMilliseconds as the services bind it).</summary>
    public double PollingMilliseconds => _host.Services.GetRequiredService<StoreOptions>().Projections.FastPollingTime.TotalMilliseconds;

    private IDocumentStore Store => _host.Services.GetRequiredService<IDocumentStore>();

    private IBus Bus => _host.Services.GetRequiredService<IBus>();

    public static async Task<RelayProbe> StartAsync()
    {
        var env = await TestEnvironment.CreateAsync("relaybench");
        var clock = new ReceiptClock();
        var host = await RelayLoop.StartAsync<ReceiptConsumer>(env.Settings, "RelayBench", [typeof(SourcePolled)], s => s.AddSingleton(clock));
        var probe = new RelayProbe(host, clock);

        // Warm up both paths.
        await AppendAsync(probe.Store, Guid.NewGuid(), "warmup");
        await probe.Bus.Publish(new SourcePolled(Guid.NewGuid(), 0, "warmup", null, false, DateTimeOffset.UtcNow));
        await Task.Delay(1000);
        clock.Received.Clear();
        return probe;
    }

    /// <summary>Append and commit, then the relay publishes: milliseconds from append to receipt, sorted.</summary>
    public Task<double[]> RelayAsync(int count, int perSecond) => MeasureAsync(count, perSecond, id => AppendAsync(Store, id, "relay"));

    /// <summary>Commit, then publish straight to the broker (no outbox guarantee): milliseconds from commit start to receipt, sorted.</summary>
    public Task<double[]> DirectAsync(int count, int perSecond) => MeasureAsync(count, perSecond, async id =>
    {
        await AppendAsync(Store, Guid.NewGuid(), "direct-commit");
        await Bus.Publish(new SourcePolled(id, 0, "direct", null, false, DateTimeOffset.UtcNow));
    });

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    private static async Task AppendAsync(IDocumentStore store, Guid sourceId, string etag)
    {
        await using var session = store.LightweightSession();
        session.Events.Append(sourceId, new SourcePolled(sourceId, 0, etag, null, false, DateTimeOffset.UtcNow));
        await session.SaveChangesAsync();
    }

    private async Task<double[]> MeasureAsync(int count, int perSecond, Func<Guid, Task> send)
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
        while (sent.Keys.Any(id => !_clock.Received.ContainsKey(id)) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        var latencies = sent
            .Where(s => _clock.Received.ContainsKey(s.Key))
            .Select(s => Stopwatch.GetElapsedTime(s.Value, _clock.Received[s.Key]).TotalMilliseconds)
            .Order()
            .ToArray();
        if (latencies.Length < count)
        {
            Console.Error.WriteLine($"warning: {count - latencies.Length} of {count} messages did not arrive within 30 s");
        }

        return latencies;
    }

    public sealed class ReceiptClock
    {
        public ConcurrentDictionary<Guid, long> Received { get; } = new();
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
