using MediaMonitor.ServiceDefaults.Entities;

namespace MediaMonitor.Alerting.Tests.Subscriptions;

/// <summary>The subscription read model on the real PostgreSQL: projected inline by the appender, read by the catalog.</summary>
public sealed class SubscriptionRecordTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    [Fact]
    public async Task The_inline_projection_keeps_the_stream_version_the_last_parsed_query_and_the_pauses()
    {
        var env = await TestEnvironment.CreateAsync("subscription_record");
        await using var api = await env.StartAsync(StandInForTheApi(withReadModel: true));
        var id = Guid.NewGuid();
        await AppendAsync(api, id,
            new SubscriptionCreated(id, "tenant-a", "Desk", "NATO", "https://hook.example/", Now),
            new SubscriptionQueryChanged(id, "tenant-a", "(CSTO", "NATO", Now),
            new SubscriptionPaused(id, "tenant-a", Now.AddHours(2), "holiday", Now, StopsMatching: true),
            new WebhookSecretRotated(id, "tenant-a", Now, 3));

        var record = await RecordAsync(api, id);

        Assert.Equal((4L, "tenant-a", "NATO", "(CSTO", 3), (record.StreamVersion, record.State!.TenantId, record.MatchedQuery, record.State.Query, record.State.SecretVersion));
        Assert.NotNull(record.QueryError);
        Assert.Equal([new PauseSpan(Now, Now.AddHours(2))], record.Pauses());
        var folded = SubscriptionRecord.Fold((await FetchAsync(api, id)).Select(e => e.Data))!;
        Assert.Equal((folded.StreamVersion, folded.State, folded.MatchedQuery), (record.StreamVersion, record.State, record.MatchedQuery));
        Assert.Equal(folded.Pauses(), record.Pauses());
    }

    [Fact]
    public async Task Subscriptions_stored_before_their_read_model_existed_reach_the_catalog_and_later_changes_follow()
    {
        var env = await TestEnvironment.CreateAsync("subscription_record_build");
        var id = Guid.NewGuid();

        // A store written by an Api without the read model: the events only.
        await using (var oldApi = await env.StartAsync(StandInForTheApi(withReadModel: false)))
        {
            await AppendAsync(oldApi, id,
                new SubscriptionCreated(id, "tenant-a", "Desk", "NATO", "https://hook.example/", Now),
                new SubscriptionQueryChanged(id, "tenant-a", "CSTO Kazakhstan", "NATO", Now));
        }

        // The Api upgraded before Alerting: its projection meets a stream whose record was never built.
        await using var api = await env.StartAsync(StandInForTheApi(withReadModel: true));
        await AppendAsync(api, id, new SubscriptionPaused(id, "tenant-a", Now.AddHours(1), null, Now, StopsMatching: true));

        await using var alerting = await env.StartAsync(AlertingHost.Wiring);
        var catalog = alerting.Services.GetRequiredService<SubscriptionCatalog>();
        Assert.Equal("CSTO Kazakhstan", catalog.Find(id)?.QueryText);
        Assert.True(catalog.IsPausedAt(id, Now.AddMinutes(30)));
        await using (var query = alerting.Services.GetRequiredService<IDocumentStore>().QuerySession())
        {
            Assert.NotNull(await query.LoadAsync<ReadModelBuilt>(SubscriptionRecords.Version));
        }

        // Later changes continue from the built record.
        await AppendAsync(api, id, new SubscriptionQueryChanged(id, "tenant-a", "SCO", "CSTO Kazakhstan", Now));
        var record = await RecordAsync(api, id);
        Assert.Equal((4L, "SCO", true), (record.StreamVersion, record.MatchedQuery, record.IsPausedAt(Now.AddMinutes(30))));

        await using (var session = alerting.Services.GetRequiredService<IDocumentStore>().QuerySession())
        {
            await catalog.LoadAsync(session, CancellationToken.None);
        }

        Assert.Equal("SCO", catalog.Find(id)?.QueryText);
    }

    [Fact]
    public void The_catalog_keeps_the_later_of_two_copies_of_a_record()
    {
        using var catalog = new SubscriptionCatalog(TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger<SubscriptionCatalog>.Instance);
        var id = Guid.NewGuid();
        var created = SubscriptionRecord.Create(new SubscriptionCreated(id, "tenant-a", "Desk", "NATO", null, Now));
        var changed = created.Apply(new SubscriptionQueryChanged(id, "tenant-a", "CSTO", "NATO", Now)) with { StreamVersion = 2 };

        catalog.Apply(changed);
        catalog.Apply(created);

        Assert.Equal("CSTO", catalog.Find(id)?.QueryText);
    }

    private static ServiceWiring StandInForTheApi(bool withReadModel) => new(typeof(SubscriptionRecordTests).Assembly,
        b => b.AddEventStore(opts =>
        {
            if (withReadModel)
            {
                opts.AddSubscriptionProjection();
            }
        }), _ => { });

    private static async Task AppendAsync(ServiceHost host, Guid id, params object[] events)
    {
        await using var session = host.Services.GetRequiredService<IDocumentStore>().LightweightSession();
        session.Events.Append(id, events);
        await session.SaveChangesAsync();
    }

    private static async Task<SubscriptionRecord> RecordAsync(ServiceHost host, Guid id)
    {
        await using var query = host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        return (await query.LoadAsync<SubscriptionRecord>(id))!;
    }

    private static async Task<IReadOnlyList<JasperFx.Events.IEvent>> FetchAsync(ServiceHost host, Guid id)
    {
        await using var query = host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        return await query.Events.FetchStreamAsync(id);
    }
}
