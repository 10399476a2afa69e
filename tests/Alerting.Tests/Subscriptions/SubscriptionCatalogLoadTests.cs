using Microsoft.Extensions.Logging.Abstractions;

namespace MediaMonitor.Alerting.Tests.Subscriptions;

/// <summary>The catalog loaded from the real PostgreSQL by the startup loader and by queued messages at the same time.</summary>
public sealed class SubscriptionCatalogLoadTests
{
    private const int Subscriptions = 400;

    [Fact]
    public async Task Whichever_concurrent_load_returns_first_the_catalog_already_matches_every_stored_subscription()
    {
        await using var host = await StartStoreAsync("alerting_catalog_race");
        var store = host.Services.GetRequiredService<IDocumentStore>();
        await using (var session = store.LightweightSession())
        {
            for (var i = 0; i < Subscriptions; i++)
            {
                var id = Guid.NewGuid();
                session.Events.StartStream(id, new SubscriptionCreated(id, "tenant-a", "s" + i, $"Kazakhstan OR term{i}", "https://hook.example/", DateTimeOffset.UtcNow));
            }

            await session.SaveChangesAsync();
        }

        var document = MatchDocumentOf("Kazakhstan opens a training centre");
        var seen = new List<(string Caller, int Indexed, int Matched)>();
        for (var round = 0; round < 25; round++)
        {
            using var catalog = new SubscriptionCatalog(TimeProvider.System, NullLogger<SubscriptionCatalog>.Instance);

            // What the service does on a restart with messages queued: the loader and several consumers load at once,
            // and each consumer matches as soon as its call returns.
            async Task Caller(string name, Func<IQuerySession, Task> load)
            {
                await using var session = store.QuerySession();
                await load(session);
                var matched = catalog.Match(document, DateTimeOffset.UtcNow).Count;
                lock (seen)
                {
                    seen.Add((name, catalog.Count, matched));
                }
            }

            await Task.WhenAll(
                Task.Run(() => Caller("loader", s => catalog.LoadAsync(s, CancellationToken.None))),
                Task.Run(() => Caller("consumer 1", s => catalog.EnsureLoadedAsync(s, CancellationToken.None))),
                Task.Run(() => Caller("consumer 2", s => catalog.EnsureLoadedAsync(s, CancellationToken.None))),
                Task.Run(() => Caller("consumer 3", s => catalog.EnsureLoadedAsync(s, CancellationToken.None))));
        }

        var early = seen.Where(s => s.Indexed != Subscriptions || s.Matched != Subscriptions).ToList();
        Assert.True(early.Count == 0,
            $"{early.Count} of {seen.Count} loads returned before the index held the store: "
            + string.Join(", ", early.Take(5).Select(s => $"{s.Caller} saw {s.Indexed} indexed, {s.Matched} matched")));
    }

    [Fact]
    public async Task A_refresh_takes_again_only_the_records_whose_version_moved()
    {
        await using var host = await StartStoreAsync("alerting_catalog_refresh");
        var store = host.Services.GetRequiredService<IDocumentStore>();
        var (kept, changed) = (Guid.NewGuid(), Guid.NewGuid());
        var now = DateTimeOffset.UtcNow;
        await using (var session = store.LightweightSession())
        {
            session.Events.StartStream(kept, new SubscriptionCreated(kept, "tenant-a", "kept", "NATO", null, now));
            session.Events.StartStream(changed, new SubscriptionCreated(changed, "tenant-a", "changed", "CSTO", null, now));
            await session.SaveChangesAsync();
        }

        using var catalog = new SubscriptionCatalog(TimeProvider.System, NullLogger<SubscriptionCatalog>.Instance);
        await using (var query = store.QuerySession())
        {
            await catalog.LoadAsync(query, CancellationToken.None);
        }

        await using (var session = store.LightweightSession())
        {
            // A record rewritten at the version the catalog holds is not read again (a record is its stream's fold up to
            // that version, so the same version never says anything new); a record at a later version is.
            var record = await session.LoadAsync<SubscriptionRecord>(kept);
            session.Store(record! with { State = record.State! with { Query = "Kazakhstan" }, MatchedQuery = "Kazakhstan" });
            session.Events.Append(changed, new SubscriptionQueryChanged(changed, "tenant-a", "SCO", "CSTO", now));
            await session.SaveChangesAsync();
        }

        await using (var query = store.QuerySession())
        {
            Assert.Equal(2, await catalog.LoadAsync(query, CancellationToken.None));
        }

        Assert.Equal(("NATO", "SCO"), (catalog.Find(kept)?.QueryText, catalog.Find(changed)?.QueryText));
    }

    private static MediaMonitor.Text.Querying.MatchDocument MatchDocumentOf(string title)
    {
        var now = DateTimeOffset.UtcNow;
        var id = Guid.NewGuid();
        var (article, _) = MediaMonitor.Alerting.Matching.ArticleFacts.From(id,
        [
            new ArticleFetched(id, "https://one.example/a", "https://one.example/a", title, title + ".", now, "Outlet", Guid.NewGuid(), now, "test"),
            new ArticleDeduplicated(id, DedupVerdict.Original, null, 0, id, now, "test"),
            new EntitiesTagged(id, [], now, "test"),
        ]);
        return article!.ToDocument();
    }

    /// <summary>A store that records subscriptions as the Api does: with their read model, inline.</summary>
    private static async Task<ServiceHost> StartStoreAsync(string name)
    {
        var settings = (await TestEnvironment.CreateAsync(name)).Settings;
        settings["EventStore:DaemonMode"] = "Disabled";
        return await ServiceHost.StartAsync(typeof(AlertingWiring).Assembly, settings, builder => builder.AddEventStore(opts => opts.AddSubscriptionProjection()), _ => { });
    }
}
