using System.Diagnostics;
using MediaMonitor.ServiceDefaults.Daemon;

namespace MediaMonitor.ServiceDefaults.Tests.Daemon;

public sealed class EventsAppendedListenerTests
{
    [Fact]
    public async Task Committed_events_are_relayed_at_once_although_the_daemon_polls_only_once_a_minute()
    {
        var env = await TestEnvironment.CreateAsync("wakeup");
        var settings = env.Settings;
        settings["EventStore:PollingMilliseconds"] = "60000";
        settings["EventStore:IdlePollingMilliseconds"] = "60000";
        var received = new ConcurrentDictionary<Guid, ArticleFetched>();

        await using var host = await RelayLoop.StartAsync<RecordingConsumer>(settings, "WakeupTest", [typeof(ArticleFetched)], s => s.AddSingleton(received));
        var store = host.Services.GetRequiredService<IDocumentStore>();

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

        await using var connection = new NpgsqlConnection(env.ConnectionString);
        await connection.OpenAsync();
        await using var trigger = new NpgsqlCommand(
            $"SELECT count(*) FROM pg_trigger WHERE tgname = '{AppendNotifyTrigger.TriggerName}' AND tgrelid = 'mt_events'::regclass", connection);
        Assert.Equal(1L, await trigger.ExecuteScalarAsync());
    }
}
