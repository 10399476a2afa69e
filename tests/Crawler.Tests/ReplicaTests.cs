using System.Collections.Concurrent;
using MediaMonitor.Crawler.Replicas;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace MediaMonitor.Crawler.Tests;

public sealed class ReplicaTests
{
    private const int Sites = 4;
    private const int FeedsPerSite = 2;

    [Fact]
    public async Task Two_crawler_replicas_split_the_sites_poll_each_source_from_one_replica_only_and_the_survivor_takes_over()
    {
        var env = await TestEnvironment.CreateAsync("replicas");
        var hits = new ConcurrentQueue<FeedHit>();
        var sites = new List<LoopbackSite>();
        for (var s = 0; s < Sites; s++)
        {
            sites.Add(await LoopbackSite.StartAsync((app, _) => app.MapGet("/feeds/{n}.xml", (HttpContext c, string n) =>
            {
                hits.Enqueue(new FeedHit(c.Request.Host + c.Request.Path, c.Request.Headers.UserAgent.ToString().Split('/')[0], DateTimeOffset.UtcNow));
                c.Response.ContentType = "application/rss+xml";
                return c.Response.WriteAsync($"""<rss version="2.0"><channel><title>Feed {n}</title><link>http://{c.Request.Host}/</link></channel></rss>""");
            })));
        }

        try
        {
            await using var a = await CrawlerHost.StartAsync(env, Replica("ReplicaA"));
            await using var b = await CrawlerHost.StartAsync(env, Replica("ReplicaB"));
            var store = a.Services.GetRequiredService<IDocumentStore>();
            var data = a.Services.GetRequiredService<NpgsqlDataSource>();
            await Eventually.Until(() => LiveReplicasAsync(data, store), n => n == 2, TimeSpan.FromSeconds(20), "both replicas' heartbeats");
            var ids = await AddSourcesAsync(store, sites);
            var sources = Sites * FeedsPerSite;

            await Eventually.Until(() => Task.FromResult(hits.Select(h => h.Feed).Distinct().Count()), n => n == sources, TimeSpan.FromSeconds(20), "every feed polled");
            await Task.Delay(TimeSpan.FromSeconds(1));
            var settled = DateTimeOffset.UtcNow;
            await Task.Delay(TimeSpan.FromSeconds(4));
            var window = hits.Where(h => h.At >= settled).ToList();
            var byFeed = window.GroupBy(h => h.Feed).ToDictionary(g => g.Key, g => g.Select(h => h.Agent).Distinct().ToList());
            Assert.Equal(sources, byFeed.Count);
            Assert.All(byFeed.Values, agents => Assert.Single(agents));
            var bySite = window.GroupBy(h => h.Feed.Split('/')[0]).ToDictionary(g => g.Key, g => g.Select(h => h.Agent).Distinct().ToList());
            Assert.All(bySite.Values, agents => Assert.Single(agents));
            Assert.Equal(Sites / 2, bySite.Values.Count(agents => agents[0] == "ReplicaA"));
            Assert.Equal(Sites / 2, bySite.Values.Count(agents => agents[0] == "ReplicaB"));

            await a.StopAsync();
            var stopped = DateTimeOffset.UtcNow;
            await Eventually.Until(() => Task.FromResult(hits.Where(h => h.At > stopped).Select(h => h.Feed).Distinct().Count()), n => n == sources,
                TimeSpan.FromSeconds(20), "the surviving replica polling every feed");
            Assert.All(hits.Where(h => h.At > stopped), h => Assert.Equal("ReplicaB", h.Agent));

            // Never two polls of one source closer than half the poll interval, the hand-over included (polls keep a fixed
            // rate, so one that started late is followed by the next on time, at least half an interval later:
            // PollPlan.NextAfterPoll; a double poll at a hand-over would be milliseconds apart).
            foreach (var id in ids)
            {
                await using var session = store.QuerySession();
                var polled = (await session.Events.FetchStreamAsync(id)).Select(e => e.Data).OfType<SourcePolled>().Select(p => p.PolledAt).ToList();
                Assert.All(polled.Zip(polled.Skip(1)), pair => Assert.True(pair.Second - pair.First >= TimeSpan.FromMilliseconds(499), $"polls {pair.First:O} and {pair.Second:O} of {id}"));
            }
        }
        finally
        {
            foreach (var site in sites)
            {
                await site.DisposeAsync();
            }
        }
    }

    private static async Task<List<Guid>> AddSourcesAsync(IDocumentStore store, IReadOnlyList<LoopbackSite> sites)
    {
        var ids = new List<Guid>();
        await using var session = store.LightweightSession();
        foreach (var site in sites)
        {
            for (var i = 0; i < FeedsPerSite; i++)
            {
                var url = site.Url($"/feeds/{i}.xml");
                var id = StreamIdentity.ForSource("t", url);
                ids.Add(id);
                session.Events.StartStream(id, new SourceAdded(id, "t", url, DateTimeOffset.UtcNow));
            }
        }

        await session.SaveChangesAsync();
        return ids;
    }

    [Fact]
    public async Task A_replica_that_dies_loses_its_leases_on_expiry_and_a_live_lease_is_never_taken()
    {
        var connectionString = await TestServers.CreateDatabaseAsync("leases");
        using var store = DocumentStore.For(o =>
        {
            o.Connection(connectionString);
            LeaseTables.AddTo(o);
        });
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        await using var data = NpgsqlDataSource.Create(connectionString);
        var known = Enumerable.Range(0, 4).Select(_ => Guid.NewGuid()).ToList();
        var first = Leases(data, store, "first");
        var second = Leases(data, store, "second");
        var none = new HashSet<Guid>();

        Assert.Equal(4, (await first.BalanceAsync(known, none, CancellationToken.None)).Held.Count);
        Assert.Empty((await second.BalanceAsync(known, none, CancellationToken.None)).Held);
        Assert.Equal(2, (await first.BalanceAsync(known, none, CancellationToken.None)).Held.Count);
        var secondHeld = (await second.BalanceAsync(known, none, CancellationToken.None)).Held;
        Assert.Equal(2, secondHeld.Count);
        Assert.Equal(2, (await first.BalanceAsync(known, none, CancellationToken.None)).Held.Count);

        // "first" dies: no more rounds. Its leases and heartbeat expire; then "second" takes every source.
        await Task.Delay(TimeSpan.FromSeconds(2.5));
        Assert.Equal(4, (await second.BalanceAsync(known, none, CancellationToken.None)).Held.Count);
    }

    [Fact]
    public async Task A_restarted_crawler_keeps_a_quiet_feeds_long_interval_instead_of_polling_it_at_once()
    {
        var env = await TestEnvironment.CreateAsync("restart");
        var hits = new ConcurrentQueue<DateTimeOffset>();
        await using var site = await LoopbackSite.StartAsync((app, _) => app.MapGet("/quiet.xml", (HttpContext c) =>
        {
            hits.Enqueue(DateTimeOffset.UtcNow);
            c.Response.ContentType = "application/rss+xml";
            return c.Response.WriteAsync($"""<rss version="2.0"><channel><title>Quiet</title><link>http://{c.Request.Host}/</link></channel></rss>""");
        }));
        // The production heartbeat: each quiet poll stretches the interval, so each is recorded and the restart replays them.
        var settings = new Dictionary<string, string?>
        {
            ["Crawler:MaxPollIntervalSeconds"] = "30", ["Crawler:RespectRobotsTxt"] = "false", ["Crawler:PollHeartbeatSeconds"] = "900",
        };
        var url = site.Url("/quiet.xml");
        var id = StreamIdentity.ForSource("t", url);

        await using (var before = await CrawlerHost.StartAsync(env, settings))
        {
            await using var session = before.Services.GetRequiredService<IDocumentStore>().LightweightSession();
            session.Events.StartStream(id, new SourceAdded(id, "t", url, DateTimeOffset.UtcNow));
            await session.SaveChangesAsync();
            await Eventually.Until(() => Task.FromResult(hits.Count), n => n >= 4, TimeSpan.FromSeconds(20), "four polls of the quiet feed");

            // A poll counts once its SourcePolled is stored: stopping the host while the fourth is in flight would leave the
            // restarted crawler only three polls to stretch the interval from, and the comparison below would be with a
            // poll it never knew about.
            await Eventually.Until(async () =>
            {
                await using var query = before.Services.GetRequiredService<IDocumentStore>().QuerySession();
                return (await query.Events.FetchStreamAsync(id)).Count(e => e.Data is SourcePolled);
            }, n => n >= 4, TimeSpan.FromSeconds(20), "four stored SourcePolled events");
        }

        var lastBefore = hits.Max();
        var countBefore = hits.Count;
        await using var after = await CrawlerHost.StartAsync(env, settings);
        await Eventually.Until(() => Task.FromResult(hits.Count), n => n > countBefore, TimeSpan.FromSeconds(20), "the first poll after the restart");
        var firstAfter = hits.Skip(countBefore).Min();

        // Four quiet polls stretch the 1 s interval to 1.5^4 s (about 5 s); the restarted crawler waits that long again.
        Assert.True(firstAfter - lastBefore >= TimeSpan.FromSeconds(4.5), $"polled again {(firstAfter - lastBefore).TotalSeconds:0.0}s after the last poll");
    }

    private static Dictionary<string, string?> Replica(string name) => new()
    {
        ["Crawler:ReplicaId"] = name,
        ["Crawler:UserAgent"] = name + "/1.0 (+http://127.0.0.1/contact)",
        ["Crawler:MaxPollIntervalSeconds"] = "1",
        ["Crawler:LeaseSeconds"] = "3",
        ["Crawler:RespectRobotsTxt"] = "false",
    };

    private static SourceLeases Leases(NpgsqlDataSource data, IDocumentStore store, string owner) => new(
        data, store, new CrawlerOptions { ReplicaId = owner, LeaseSeconds = 2 }, NullLogger<SourceLeases>.Instance);

    private static async Task<long> LiveReplicasAsync(NpgsqlDataSource data, IDocumentStore store)
    {
        await using var command = data.CreateCommand($"SELECT count(*) FROM {LeaseTables.Qualified(store, LeaseTables.Replicas)} WHERE expires_at > now()");
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private sealed record FeedHit(string Feed, string Agent, DateTimeOffset At);
}
