using MediaMonitor.Contracts.EntityTagging;

namespace MediaMonitor.ServiceDefaults.Tests;

/// <summary>Each race is run on the real PostgreSQL through the services' own store set-up; WriteConflict must know what Marten throws.</summary>
public sealed class WriteConflictTests
{
    private const int Writers = 6;

    private static readonly DateTimeOffset At = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Writers_starting_the_same_stream_at_once_leave_one_winner_and_every_loser_sees_a_write_conflict()
    {
        var (host, store) = await StartStoreAsync("conflict_start");
        await using var _ = host;
        var id = Guid.NewGuid();

        var failures = await RaceAsync(store, session => session.Events.StartStream(id, Tagged(id, "t1")));

        AssertOneWinner(failures);
        await using var query = store.QuerySession();
        Assert.Equal(1, (await query.Events.FetchStreamStateAsync(id))!.Version);
    }

    [Fact]
    public async Task A_stream_started_again_after_it_exists_is_a_write_conflict()
    {
        var (host, store) = await StartStoreAsync("conflict_restart");
        await using var _ = host;
        var id = Guid.NewGuid();
        await SaveAsync(store, session => session.Events.StartStream(id, Tagged(id, "t1")));

        var failure = await Assert.ThrowsAnyAsync<Exception>(() => SaveAsync(store, session => session.Events.StartStream(id, Tagged(id, "t2"))));

        Assert.True(WriteConflict.Is(failure), Describe(failure));
    }

    [Fact]
    public async Task Writers_appending_at_the_same_expected_version_leave_one_winner_and_every_loser_sees_a_write_conflict()
    {
        var (host, store) = await StartStoreAsync("conflict_append");
        await using var _ = host;
        var id = Guid.NewGuid();
        await SaveAsync(store, session => session.Events.StartStream(id, Tagged(id, "t1")));

        var failures = await RaceAsync(store, session => session.Events.Append(id, 2, Tagged(id, "t2")));

        AssertOneWinner(failures);
        await using var query = store.QuerySession();
        Assert.Equal(2, (await query.Events.FetchStreamStateAsync(id))!.Version);
    }

    [Fact]
    public async Task A_document_inserted_twice_with_the_same_id_is_a_write_conflict()
    {
        var (host, store) = await StartStoreAsync("conflict_insert");
        await using var _ = host;
        var id = Guid.NewGuid();

        var failures = await RaceAsync(store, session => session.Insert(new Claim { Id = id, Holder = "replica" }));

        AssertOneWinner(failures);
    }

    [Fact]
    public async Task A_document_changed_meanwhile_under_optimistic_concurrency_is_a_write_conflict()
    {
        var (host, store) = await StartStoreAsync("conflict_version");
        await using var _ = host;
        var id = Guid.NewGuid();
        await SaveAsync(store, session => session.Store(new VersionedClaim { Id = id, Holder = "first" }));
        await using var one = store.LightweightSession();
        await using var two = store.LightweightSession();
        var mine = (await one.LoadAsync<VersionedClaim>(id))!;
        var theirs = (await two.LoadAsync<VersionedClaim>(id))!;
        two.Store(theirs with { Holder = "second" });
        await two.SaveChangesAsync();

        one.Store(mine with { Holder = "third" });
        var failure = await Assert.ThrowsAnyAsync<Exception>(() => one.SaveChangesAsync());

        Assert.True(WriteConflict.Is(failure), Describe(failure));
    }

    [Fact]
    public async Task Other_database_failures_and_conflicts_wrapped_in_another_exception_are_told_apart()
    {
        var (host, store) = await StartStoreAsync("conflict_other");
        await using var _ = host;
        var id = Guid.NewGuid();
        await SaveAsync(store, session => session.Events.StartStream(id, Tagged(id, "t1")));
        var conflict = await Assert.ThrowsAnyAsync<Exception>(() => SaveAsync(store, session => session.Events.StartStream(id, Tagged(id, "t2"))));
        await using var connection = await host.Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync();
        await using var command = new NpgsqlCommand("select * from no_such_table", connection);
        var missingTable = await Assert.ThrowsAnyAsync<Exception>(() => command.ExecuteNonQueryAsync());

        Assert.False(WriteConflict.Is(missingTable), Describe(missingTable));
        Assert.False(WriteConflict.Is(new InvalidOperationException("not a database error")));
        Assert.True(WriteConflict.Is(new InvalidOperationException("relay failed", conflict)));
        Assert.True(WriteConflict.Is(new AggregateException(new TimeoutException(), conflict)));
    }

    /// <summary>Every writer prepares its session first, then all save together; returns the failures.</summary>
    private static async Task<List<Exception>> RaceAsync(IDocumentStore store, Action<IDocumentSession> write)
    {
        var sessions = Enumerable.Range(0, Writers).Select(_ => store.LightweightSession()).ToList();
        try
        {
            sessions.ForEach(write);
            using var start = new ManualResetEventSlim();
            var saves = sessions.Select(s => Task.Run(async () =>
            {
                start.Wait();
                try
                {
                    await s.SaveChangesAsync();
                    return null;
                }
                catch (Exception e)
                {
                    return e;
                }
            })).ToList();
            start.Set();
            return [.. (await Task.WhenAll(saves)).OfType<Exception>()];
        }
        finally
        {
            foreach (var session in sessions)
            {
                await session.DisposeAsync();
            }
        }
    }

    private static void AssertOneWinner(List<Exception> failures)
    {
        Assert.Equal(Writers - 1, failures.Count);
        Assert.All(failures, f => Assert.True(WriteConflict.Is(f), Describe(f)));
    }

    private static async Task SaveAsync(IDocumentStore store, Action<IDocumentSession> write)
    {
        await using var session = store.LightweightSession();
        write(session);
        await session.SaveChangesAsync();
    }

    private static EntitiesTagged Tagged(Guid id, string version) => new(id, [], At, version);

    private static string Describe(Exception e) => e.InnerException is null ? $"{e.GetType().FullName}: {e.Message}" : $"{e.GetType().FullName}: {e.Message} <- {Describe(e.InnerException)}";

    private static async Task<(ServiceHost Host, IDocumentStore Store)> StartStoreAsync(string name)
    {
        var env = await TestEnvironment.CreateAsync(name);
        var settings = env.Settings;
        settings["EventStore:DaemonMode"] = "Disabled";
        var host = await ServiceHost.StartAsync(typeof(WriteConflictTests).Assembly, settings,
            builder => builder.AddEventStore(o => o.Schema.For<VersionedClaim>().UseOptimisticConcurrency(true)), _ => { });
        return (host, host.Services.GetRequiredService<IDocumentStore>());
    }

    public sealed record Claim
    {
        public Guid Id { get; init; }

        public string Holder { get; init; } = "";
    }

    public sealed record VersionedClaim
    {
        public Guid Id { get; init; }

        public string Holder { get; init; } = "";
    }
}
