using MediaMonitor.Contracts.Api;
using MediaMonitor.ServiceDefaults.Replicas;
using MediaMonitor.ServiceDefaults.Sources;

namespace MediaMonitor.ServiceDefaults.Tests.Replicas;

/// <summary>The per-replica copy: its fan-out queue on the real RabbitMQ, its load gate and loader on the real PostgreSQL.</summary>
public sealed class ReplicaViewTests
{
    [Fact]
    public async Task Two_replicas_both_see_an_update_published_once()
    {
        var env = await TestEnvironment.CreateAsync("replica_fanout");
        await using var one = await env.StartAsync(Replica);
        await using var two = await env.StartAsync(Replica);

        var source = SourceRecordProjection.Create(new SourceAdded(Guid.NewGuid(), "tenant-a", "https://feeds.example/a.xml", DateTimeOffset.UtcNow));
        await one.Services.GetRequiredService<IBus>().Publish(new SourceAdded(source.Id, source.TenantId, source.Url, source.AddedAt));

        await Eventually.Until(() => Task.FromResult(new[] { one, two }.Select(r => r.Services.GetRequiredService<WatchedUrls>().Urls.ContainsKey(source.Id)).ToList()),
            seen => seen.All(s => s), TimeSpan.FromSeconds(30), "the update in both replicas", seen => string.Join(", ", seen));
        Assert.NotEqual(one.Services.GetRequiredService<ReplicaInstance>(), two.Services.GetRequiredService<ReplicaInstance>());
    }

    [Fact]
    public async Task A_replica_started_after_the_store_changed_holds_the_read_model_before_it_takes_traffic()
    {
        var env = await TestEnvironment.CreateAsync("replica_load");
        var sourceId = Guid.NewGuid();
        await using (var writer = await env.StartAsync(Replica))
        {
            await using var session = writer.Services.GetRequiredService<IDocumentStore>().LightweightSession();
            session.Events.StartStream(sourceId, new SourceAdded(sourceId, "tenant-a", "https://feeds.example/b.xml", DateTimeOffset.UtcNow));
            await session.SaveChangesAsync();
        }

        await using var replica = await env.StartAsync(Replica);
        var view = replica.Services.GetRequiredService<WatchedUrls>();

        Assert.True(view.IsLoaded);
        Assert.Equal("https://feeds.example/b.xml", view.Urls[sourceId]);
    }

    [Fact]
    public async Task Concurrent_first_uses_read_the_store_once_and_an_explicit_load_reads_it_again()
    {
        var env = await TestEnvironment.CreateAsync("replica_gate");
        await using var host = await env.StartAsync(new ServiceWiring(typeof(ReplicaViewTests).Assembly, builder => builder.AddEventStore(opts => opts.AddSourceProjection()), _ => { }),
            [new("EventStore:DaemonMode", "Disabled")]);
        var store = host.Services.GetRequiredService<IDocumentStore>();
        await using (var session = store.LightweightSession())
        {
            for (var i = 0; i < 50; i++)
            {
                var id = Guid.NewGuid();
                session.Events.StartStream(id, new SourceAdded(id, "tenant-a", $"https://feeds.example/{i}.xml", DateTimeOffset.UtcNow));
            }

            await session.SaveChangesAsync();
        }

        using var view = new WatchedUrls(TimeProvider.System);
        Assert.False(view.IsLoaded);
        var seen = new ConcurrentBag<int>();
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            await using var session = store.QuerySession();
            await view.EnsureLoadedAsync(session, CancellationToken.None);
            seen.Add(view.Urls.Count);
        })));

        Assert.Equal([50, 50, 50, 50], seen);
        Assert.Equal(1, view.Reads);
        Assert.False(view.IsOlderThan(TimeSpan.FromMinutes(1)));
        await using (var session = store.QuerySession())
        {
            await view.LoadAsync(session, CancellationToken.None);
        }

        Assert.Equal(2, view.Reads);
    }

    [Fact]
    public void Every_fan_out_queue_of_one_host_shares_one_instance_id_and_two_hosts_differ()
    {
        static IReadOnlyList<ReplicaInstance> InstancesOf(IServiceCollection services) =>
            [.. services.Where(d => d.ServiceType == typeof(ReplicaInstance)).Select(d => (ReplicaInstance)d.ImplementationInstance!)];

        var one = new ServiceCollection();
        one.AddMassTransit(bus =>
        {
            bus.AddReplicaConsumer<WatchedUrlsConsumer>();
            bus.AddReplicaConsumer<OtherConsumer>();
        });
        var two = new ServiceCollection();
        two.AddMassTransit(bus => bus.AddReplicaConsumer<WatchedUrlsConsumer>());

        var instance = Assert.Single(InstancesOf(one));
        Assert.NotEqual(instance, Assert.Single(InstancesOf(two)));
        Assert.StartsWith(Environment.MachineName.ToLowerInvariant() + "-", instance.Id, StringComparison.Ordinal);
    }

    /// <summary>A replica of a small service keeping the test's view.</summary>
    private static readonly ServiceWiring Replica = new(typeof(ReplicaViewTests).Assembly, builder =>
    {
        builder.AddServiceDefaults(new ServiceTelemetry("ReplicaTest"));
        builder.AddEventStore(opts => opts.AddSourceProjection());
        builder.AddMessageBus(bus => bus.AddReplicaConsumer<WatchedUrlsConsumer>());
        builder.Services.AddReplicaView<WatchedUrls>(_ => TimeSpan.FromMinutes(1));
    }, app => app.MapDefaultEndpoints());
}

/// <summary>A small view for the tests: the URL of every source, from the SourceRecord read model and SourceAdded messages.</summary>
public sealed class WatchedUrls(TimeProvider clock) : ReplicaView(clock)
{
    private int _reads;

    public ConcurrentDictionary<Guid, string> Urls { get; } = new();

    public int Reads => _reads;

    public void Apply(SourceRecord source) => Urls[source.Id] = source.Url;

    protected override async Task<int> ReadAsync(IQuerySession session, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _reads);
        var sources = await session.Query<SourceRecord>().ToListAsync(cancellationToken);
        foreach (var source in sources)
        {
            Apply(source);
        }

        return sources.Count;
    }
}

public sealed class WatchedUrlsConsumer(WatchedUrls view) : IConsumer<SourceAdded>
{
    public Task Consume(ConsumeContext<SourceAdded> context)
    {
        view.Apply(SourceRecordProjection.Create(context.Message));
        return Task.CompletedTask;
    }
}

public sealed class OtherConsumer : IConsumer<SourceDisabled>
{
    public Task Consume(ConsumeContext<SourceDisabled> context) => Task.CompletedTask;
}
