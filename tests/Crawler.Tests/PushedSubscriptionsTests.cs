namespace MediaMonitor.Crawler.Tests;

public sealed class PushedSubscriptionsTests
{
    [Fact]
    public async Task A_burst_of_pushes_to_a_thousand_sources_costs_one_read_and_the_copy_is_read_again_once_older_than_its_max_age()
    {
        var database = new SubscriptionTable(1000);
        var clock = new ManualClock();
        using var subscriptions = new PushedSubscriptions(database.ReadAllAsync, database.ReadOneAsync, clock);

        var burst = await Task.WhenAll(database.Ids.Concat(database.Ids).Select(id => subscriptions.FindAsync(id, fresh: false, CancellationToken.None)));
        Assert.All(burst, s => Assert.Equal("first", s!.Secret));
        Assert.Equal((1, 0), (database.AllReads, database.OneReads));

        database.SetSecret(database.Ids[0], "second");
        clock.Advance(PushedSubscriptions.MaxAge - TimeSpan.FromSeconds(1));
        Assert.Equal("first", (await subscriptions.FindAsync(database.Ids[0], fresh: false, CancellationToken.None))!.Secret);
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal("second", (await subscriptions.FindAsync(database.Ids[0], fresh: false, CancellationToken.None))!.Secret);
        Assert.Equal((2, 0), (database.AllReads, database.OneReads));
    }

    [Fact]
    public async Task A_new_secret_a_source_missing_from_the_copy_and_a_subscription_changed_here_are_read_alone()
    {
        var database = new SubscriptionTable(3);
        using var subscriptions = new PushedSubscriptions(database.ReadAllAsync, database.ReadOneAsync, new ManualClock());
        var (renewed, later, verified) = (database.Ids[0], Guid.NewGuid(), database.Ids[2]);
        await subscriptions.FindAsync(renewed, fresh: false, CancellationToken.None);

        // Another replica subscribed anew: the hub signs with a secret the copy does not know, and the push asks afresh.
        database.SetSecret(renewed, "renewed");
        Assert.Equal("renewed", (await subscriptions.FindAsync(renewed, fresh: true, CancellationToken.None))!.Secret);
        Assert.Equal("renewed", (await subscriptions.FindAsync(renewed, fresh: false, CancellationToken.None))!.Secret);
        Assert.Equal((1, 1), (database.AllReads, database.OneReads));

        // Subscribed after the copy was read: read alone, then kept.
        Assert.Null(await subscriptions.FindAsync(later, fresh: false, CancellationToken.None));
        database.Add(later, WebSubState.Pending);
        Assert.Equal(later, (await subscriptions.FindAsync(later, fresh: false, CancellationToken.None))!.Id);
        Assert.Equal(later, (await subscriptions.FindAsync(later, fresh: false, CancellationToken.None))!.Id);
        Assert.Equal((1, 3), (database.AllReads, database.OneReads));

        // Unsubscribing here: the copy's Active subscription no longer answers.
        database.SetState(verified, WebSubState.Unsubscribing);
        subscriptions.Forget(verified);
        Assert.False((await subscriptions.FindAsync(verified, fresh: false, CancellationToken.None))!.AcceptsContent);
        Assert.False((await subscriptions.FindAsync(verified, fresh: false, CancellationToken.None))!.AcceptsContent);
        Assert.Equal((1, 5), (database.AllReads, database.OneReads));
    }

    private sealed class SubscriptionTable
    {
        private readonly Dictionary<Guid, WebSubSubscription> _rows;
        private int _allReads;
        private int _oneReads;

        public SubscriptionTable(int sources)
        {
            Ids = [.. Enumerable.Range(0, sources).Select(_ => Guid.NewGuid())];
            _rows = Ids.ToDictionary(id => id, id => Row(id, "first", WebSubState.Active));
        }

        public Guid[] Ids { get; }

        public int AllReads => Volatile.Read(ref _allReads);

        public int OneReads => Volatile.Read(ref _oneReads);

        public void SetSecret(Guid id, string secret) => _rows[id] = Row(id, secret, _rows[id].State);

        public void SetState(Guid id, WebSubState state) => _rows[id] = Row(id, _rows[id].Secret, state);

        public void Add(Guid id, WebSubState state) => _rows[id] = Row(id, "added", state);

        public async Task<IReadOnlyList<WebSubSubscription>> ReadAllAsync(CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _allReads);
            await Task.Yield();
            return [.. _rows.Values.Where(s => s.AcceptsContent)];
        }

        public async Task<WebSubSubscription?> ReadOneAsync(Guid id, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _oneReads);
            await Task.Yield();
            return _rows.GetValueOrDefault(id);
        }

        // A new object per change, as a database read returns: the copy in memory keeps what it read.
        private static WebSubSubscription Row(Guid id, string secret, WebSubState state) =>
            new() { Id = id, Hub = "http://hub.example/", Topic = $"http://outlet.example/{id:N}.xml", Secret = secret, State = state };
    }

    private sealed class ManualClock : TimeProvider
    {
        private DateTimeOffset _now = new(2026, 12, 7, 22, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
