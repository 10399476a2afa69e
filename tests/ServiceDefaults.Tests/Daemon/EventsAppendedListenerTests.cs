using System.Diagnostics;
using MediaMonitor.ServiceDefaults.Daemon;

namespace MediaMonitor.ServiceDefaults.Tests.Daemon;

public sealed class EventsAppendedListenerTests
{
    [Fact]
    public async Task Events_another_service_commits_are_relayed_at_once_although_the_daemon_polls_only_once_a_minute()
    {
        var env = await TestEnvironment.CreateAsync("wakeup");
        var settings = env.Settings;
        settings["EventStore:PollingMilliseconds"] = "60000";
        settings["EventStore:IdlePollingMilliseconds"] = "60000";
        var received = new ConcurrentDictionary<Guid, ArticleFetched>();

        // The appending service runs no daemon: only its announcement can wake the relay's.
        await using var appender = await StartAppenderAsync(settings, []);
        var store = appender.Services.GetRequiredService<IDocumentStore>();

        // A database from before the announcements: the trigger that NOTIFYed on every insert into mt_events.
        await using var connection = new NpgsqlConnection(env.ConnectionString);
        await connection.OpenAsync();
        await using (var legacy = new NpgsqlCommand(
            $"""
            CREATE FUNCTION mm_notify_events_appended() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN PERFORM pg_notify('{EventsAppendedListener.Channel}', ''); RETURN NULL; END $$;
            CREATE TRIGGER {LegacyAppendNotifyTrigger.TriggerName} AFTER INSERT ON mt_events
                FOR EACH STATEMENT EXECUTE FUNCTION mm_notify_events_appended();
            """, connection))
        {
            await legacy.ExecuteNonQueryAsync();
        }

        await using var host = await RelayLoop.StartAsync<RecordingConsumer>(settings, "WakeupTest", [typeof(ArticleFetched)], s => s.AddSingleton(received));
        await using var trigger = new NpgsqlCommand(
            $"SELECT count(*) FROM pg_trigger WHERE tgname = '{LegacyAppendNotifyTrigger.TriggerName}' AND tgrelid = 'mt_events'::regclass", connection);
        await Eventually.Until(async () => (long)(await trigger.ExecuteScalarAsync())!, count => count == 0, TimeSpan.FromSeconds(15),
            "the legacy trigger dropped by the listener");

        // Three appends a few seconds apart, after the daemon's start-up catch-up: polling alone would leave the second and
        // third waiting for the next poll, up to a minute away.
        for (var i = 0; i < 3; i++)
        {
            await Task.Delay(TimeSpan.FromSeconds(2));
            var url = $"https://example.org/wakeup/{i}";
            var id = StreamIdentity.ForArticle(url);
            var clock = Stopwatch.StartNew();
            await using (var session = store.LightweightSession())
            {
                session.Events.StartStream(id, new ArticleFetched(id, url, url, $"T{i}", "Body", null, "Example", Guid.NewGuid(), DateTimeOffset.UtcNow, "test"));
                await session.SaveChangesAsync();
            }

            await Eventually.Until(() => Task.FromResult(received.Values.Any(m => m.ArticleId == id)), seen => seen, TimeSpan.FromSeconds(15),
                $"article {i} relayed well before the next poll");
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"article {i} took {clock.ElapsedMilliseconds} ms");
        }
    }

    [Fact]
    public async Task Commits_within_the_least_gap_are_announced_together()
    {
        var env = await TestEnvironment.CreateAsync("announce");
        await using var appender = await StartAppenderAsync(env.Settings, new() { ["EventStore:LeastNotifyGapMilliseconds"] = "1000" });
        var store = appender.Services.GetRequiredService<IDocumentStore>();

        await using var listener = new NpgsqlConnection(env.ConnectionString);
        await listener.OpenAsync();
        var notifications = 0;
        listener.Notification += (_, _) => Interlocked.Increment(ref notifications);
        await using (var listen = new NpgsqlCommand($"LISTEN {EventsAppendedListener.Channel}", listener))
        {
            await listen.ExecuteNonQueryAsync();
        }

        var clock = Stopwatch.StartNew();
        const int commits = 40;
        for (var i = 0; i < commits; i++)
        {
            var url = $"https://example.org/announce/{i}";
            var id = StreamIdentity.ForArticle(url);
            await using var session = store.LightweightSession();
            session.Events.StartStream(id, new ArticleFetched(id, url, url, $"T{i}", "Body", null, "Example", Guid.NewGuid(), DateTimeOffset.UtcNow, "test"));
            await session.SaveChangesAsync();
        }

        var elapsed = clock.Elapsed;
        // The last commits' announcement goes out at most one gap after them.
        while (await listener.WaitAsync(TimeSpan.FromSeconds(2)))
        {
        }

        // One announcement at the first commit, then at most one a second: never one per commit.
        var most = 2 + (int)Math.Ceiling(elapsed.TotalSeconds);
        Assert.InRange(notifications, 1, Math.Min(most, commits - 1));

        // A session that appends nothing announces nothing.
        var before = notifications;
        await using (var session = store.LightweightSession())
        {
            session.Store(new Marker(Guid.NewGuid()));
            await session.SaveChangesAsync();
        }

        Assert.False(await listener.WaitAsync(TimeSpan.FromSeconds(2)), "a document-only commit was announced");
        Assert.Equal(before, notifications);
    }

    public sealed record Marker(Guid Id);

    /// <summary>A service that only appends: an event store without a daemon.</summary>
    private static Task<ServiceHost> StartAppenderAsync(IDictionary<string, string?> settings, Dictionary<string, string?> more)
    {
        var appender = new Dictionary<string, string?>(settings) { ["EventStore:DaemonMode"] = "Disabled" };
        foreach (var (key, value) in more)
        {
            appender[key] = value;
        }

        return ServiceHost.StartAsync(typeof(EventsAppendedListenerTests).Assembly, appender, builder => builder.AddEventStore(), _ => { });
    }
}
