using JasperFx.Events.Projections;
using Marten.Linq;
using MediaMonitor.Alerting.Activity;
using Npgsql;
using Xunit.Abstractions;

namespace MediaMonitor.Alerting.Tests.Activity;

/// <summary>The indexed read model of alert activity on the real PostgreSQL: counts equal what the events say, rebuildable, served by its index.</summary>
public sealed class AlertActivityTests(ITestOutputHelper output)
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Hourly_counts_and_spike_match_times_equal_what_the_events_say_and_a_rebuild_from_the_events_gives_the_same()
    {
        await using var host = await StartStoreAsync("alert_activity_counts");
        var store = host.Services.GetRequiredService<IDocumentStore>();
        var (mine, other) = (Guid.NewGuid(), Guid.NewGuid());
        var raised = new List<AlertRaised>();
        var updates = new List<(Guid AlertId, DateTimeOffset At)>();
        var random = new Random(7);
        for (var i = 0; i < 60; i++)
        {
            var subscription = i % 3 == 0 ? other : mine;
            // Sub-microsecond ticks that PostgreSQL's timestamptz rounds up: the count must compare the exact times.
            var at = Now.AddMinutes(-random.Next(0, 180)).AddTicks((random.Next(0, 1_000) * 10) + 9);
            var alert = new AlertRaised(Guid.NewGuid(), subscription, "t", Guid.NewGuid(), Guid.NewGuid(), "https://x.example/", "T", "O", at, "test",
                Backfilled: i % 7 == 0);
            var copies = Enumerable.Range(1, random.Next(0, 4)).Select(c => new AlertUpdated(alert.AlertId, Guid.NewGuid(), "O", c + 1, 1, at.AddMinutes(c * 7))).ToList();
            raised.Add(alert);
            updates.AddRange(copies.Select(c => (c.AlertId, c.UpdatedAt)));
            await using var session = store.LightweightSession();
            session.Events.StartStream(alert.AlertId, [alert, .. copies.Take(1)]);
            await session.SaveChangesAsync();

            // Later copies in later transactions, as matching appends them.
            foreach (var copy in copies.Skip(1))
            {
                await using var later = store.LightweightSession();
                later.Events.Append(alert.AlertId, copy);
                await later.SaveChangesAsync();
            }
        }

        var probe = raised.Where(r => r.SubscriptionId == mine && !r.Backfilled).OrderBy(r => r.RaisedAt).Last();
        var expectedInHour = raised.Count(r => r.SubscriptionId == mine && !r.Backfilled && r.RaisedAt > probe.RaisedAt.AddHours(-1) && r.RaisedAt <= probe.RaisedAt);
        var since = Now.AddMinutes(-90);
        var pushable = raised.Where(r => r.SubscriptionId == mine && !r.Backfilled).ToDictionary(r => r.AlertId);
        var expectedTimes = pushable.Values.Select(r => r.RaisedAt).Concat(updates.Where(u => pushable.ContainsKey(u.AlertId)).Select(u => u.At))
            .Where(t => t > since).Order().ToList();

        async Task<(int InHour, List<DateTimeOffset> Times)> ReadAsync()
        {
            await using var session = store.QuerySession();
            var inHour = await RecentAlerts.RaisedInHourUpToAsync(session, mine, probe.AlertId, probe.RaisedAt, CancellationToken.None);
            var times = await RecentAlerts.MatchTimesAsync(session, mine, since, CancellationToken.None);
            return (inHour, [.. times.Order()]);
        }

        var read = await ReadAsync();
        Assert.True(expectedInHour > 3 && expectedTimes.Count > 20, $"a thin sample: {expectedInHour} in the hour, {expectedTimes.Count} times");
        Assert.Equal(expectedInHour, read.InHour);
        Assert.Equal(expectedTimes, read.Times, (a, b) => Math.Abs((a - b).TotalMilliseconds) < 1);

        await using (var session = store.LightweightSession())
        {
            session.DeleteWhere<AlertActivity>(a => a.SubscriptionId == mine);
            await session.SaveChangesAsync();
        }

        Assert.Equal(0, (await ReadAsync()).InHour);
        using var daemon = await store.BuildProjectionDaemonAsync();
        await daemon.RebuildProjectionAsync<AlertActivityProjection>(TimeSpan.FromSeconds(60), CancellationToken.None);
        var rebuilt = await ReadAsync();
        Assert.Equal(expectedInHour, rebuilt.InHour);
        Assert.Equal(expectedTimes, rebuilt.Times, (a, b) => Math.Abs((a - b).TotalMilliseconds) < 1);
    }

    [Fact]
    public async Task The_hourly_count_and_the_spike_read_are_served_by_the_subscription_and_time_indexes()
    {
        await using var host = await StartStoreAsync("alert_activity_explain");
        var store = host.Services.GetRequiredService<IDocumentStore>();
        var subscriptions = Enumerable.Range(0, 500).Select(_ => Guid.NewGuid()).ToArray();
        var docs = Enumerable.Range(0, 50_000).Select(i => new AlertActivity
        {
            Id = Guid.NewGuid(), SubscriptionId = subscriptions[i % subscriptions.Length], RaisedAt = Now.AddMinutes(-i / 10.0), LastMatchAt = Now.AddMinutes(-i / 10.0),
        }).ToList();
        await store.BulkInsertAsync(docs);
        var dataSource = host.Services.GetRequiredService<NpgsqlDataSource>();
        await using (var analyze = dataSource.CreateCommand("ANALYZE mt_doc_" + RecentAlerts.DocumentAlias))
        {
            await analyze.ExecuteNonQueryAsync();
        }

        var id = subscriptions[3];
        var (lower, upper, since) = (Now.AddHours(-1), Now, Now.AddDays(-14));
        await using var session = store.QuerySession();
        var hourly = await ExplainAsync(dataSource, session.Query<AlertActivity>().Where(a => a.SubscriptionId == id && a.RaisedAt > lower && a.RaisedAt < upper && !a.Backfilled));
        var spike = await ExplainAsync(dataSource, session.Query<AlertActivity>().Where(a => a.SubscriptionId == id && a.LastMatchAt > since && !a.Backfilled));
        output.WriteLine("EXPLAIN (hourly limit):\n" + hourly + "\nEXPLAIN (spike check):\n" + spike);

        Assert.Contains("Index", hourly, StringComparison.Ordinal);
        Assert.DoesNotContain("Seq Scan", hourly, StringComparison.Ordinal);
        Assert.Contains("Index", spike, StringComparison.Ordinal);
        Assert.DoesNotContain("Seq Scan", spike, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_store_written_before_the_read_model_existed_has_it_built_once_on_the_first_start()
    {
        var settings = (await TestEnvironment.CreateAsync("alert_activity_bootstrap")).Settings;
        settings["EventStore:DaemonMode"] = "Disabled";
        var subscription = Guid.NewGuid();
        var raisedAt = DateTimeOffset.UtcNow.AddMinutes(-10);
        await using (var before = await ServiceHost.StartAsync(typeof(AlertingWiring).Assembly, settings, builder => builder.AddEventStore(), _ => { }))
        {
            await using var session = before.Services.GetRequiredService<IDocumentStore>().LightweightSession();
            for (var i = 0; i < 3; i++)
            {
                var id = Guid.NewGuid();
                session.Events.StartStream(id, new AlertRaised(id, subscription, "t", Guid.NewGuid(), Guid.NewGuid(), "https://x.example/", "T", "O", raisedAt.AddSeconds(i), "old"));
            }

            await session.SaveChangesAsync();
        }

        await using var after = await ServiceHost.StartAsync(typeof(AlertingWiring).Assembly, settings, builder =>
        {
            builder.AddEventStore(RecentAlerts.Register);
            builder.Services.AddSingleton<AlertActivityBootstrap>();
        }, _ => { });
        var bootstrap = after.Services.GetRequiredService<AlertActivityBootstrap>();
        var store = after.Services.GetRequiredService<IDocumentStore>();

        Assert.True(await bootstrap.BuildOnceAsync(CancellationToken.None));
        Assert.False(await bootstrap.BuildOnceAsync(CancellationToken.None));
        await using var query = store.QuerySession();
        Assert.Equal(3, (await RecentAlerts.MatchTimesAsync(query, subscription, raisedAt.AddHours(-1), CancellationToken.None)).Count);
    }

    [Fact]
    public void Every_match_time_is_kept_in_utc_whatever_offset_the_event_carried()
    {
        var plus3 = TimeSpan.FromHours(3);
        var raised = new DateTimeOffset(2026, 12, 6, 12, 0, 0, plus3);
        var activity = AlertActivityProjection.Create(new AlertRaised(Guid.NewGuid(), Guid.NewGuid(), "t", Guid.NewGuid(), Guid.NewGuid(), "http://x.test/a", "A", null, raised, "v"));
        var updated = AlertActivityProjection.Apply(new AlertUpdated(activity.Id, Guid.NewGuid(), "X", 2, 2, raised.AddMinutes(5)), activity);

        Assert.Equal([TimeSpan.Zero], updated.CopiesMatchedAt.Select(t => t.Offset));
        Assert.Equal(raised.AddMinutes(5), updated.CopiesMatchedAt[0]);
        Assert.Equal((TimeSpan.Zero, TimeSpan.Zero), (updated.RaisedAt.Offset, updated.LastMatchAt.Offset));
    }

    [Fact]
    public async Task The_indexes_are_on_columns_of_the_row_not_on_expressions_over_its_json()
    {
        await using var host = await StartStoreAsync("alert_activity_columns");
        var indexes = await IndexDefinitionsAsync(host.Services.GetRequiredService<NpgsqlDataSource>());
        output.WriteLine(string.Join('\n', indexes));

        Assert.Contains(indexes, i => i.Contains("(subscription_id, raised_at)", StringComparison.Ordinal));
        Assert.Contains(indexes, i => i.Contains("(subscription_id, last_match_at)", StringComparison.Ordinal));
        Assert.DoesNotContain(indexes, i => i.Contains("data", StringComparison.Ordinal));
        // The primary key and the two: no single-column index that every upsert would keep as well.
        Assert.Equal(3, indexes.Count);
    }

    [Fact]
    public async Task A_table_written_with_the_json_expression_indexes_gets_its_columns_filled_on_the_next_start()
    {
        var settings = (await TestEnvironment.CreateAsync("alert_activity_columns_upgrade")).Settings;
        settings["EventStore:DaemonMode"] = "Disabled";
        var subscription = Guid.NewGuid();
        var raisedAt = Now.AddMinutes(-10).AddTicks(7);
        var ids = new List<Guid>();
        await using (var before = await ServiceHost.StartAsync(typeof(AlertingWiring).Assembly, settings, builder => builder.AddEventStore(opts =>
        {
            // The registration as it was: the same document, its indexes over the JSON.
            opts.Schema.For<AlertActivity>().DocumentAlias(RecentAlerts.DocumentAlias)
                .Index(a => new { a.SubscriptionId, a.RaisedAt })
                .Index(a => new { a.SubscriptionId, a.LastMatchAt });
            opts.Projections.Add<AlertActivityProjection>(ProjectionLifecycle.Inline);
        }), _ => { }))
        {
            await using var session = before.Services.GetRequiredService<IDocumentStore>().LightweightSession();
            for (var i = 0; i < 3; i++)
            {
                var id = Guid.NewGuid();
                ids.Add(id);
                session.Events.StartStream(id, new AlertRaised(id, subscription, "t", Guid.NewGuid(), Guid.NewGuid(), "https://x.example/", "T", "O", raisedAt.AddSeconds(i), "old"));
            }

            session.Events.Append(ids[0], new AlertUpdated(ids[0], Guid.NewGuid(), "P", 2, 2, raisedAt.AddMinutes(5)));
            await session.SaveChangesAsync();
        }

        await using var after = await StartStoreAsync(settings);
        var store = after.Services.GetRequiredService<IDocumentStore>();
        await using var query = store.QuerySession();
        Assert.Equal(3, await RecentAlerts.RaisedInHourUpToAsync(query, subscription, ids[2], raisedAt.AddSeconds(2), CancellationToken.None));
        Assert.Equal(4, (await RecentAlerts.MatchTimesAsync(query, subscription, raisedAt.AddHours(-1), CancellationToken.None)).Count);
        Assert.Single(await RecentAlerts.MatchTimesAsync(query, subscription, raisedAt.AddMinutes(4), CancellationToken.None));
        Assert.DoesNotContain(await IndexDefinitionsAsync(after.Services.GetRequiredService<NpgsqlDataSource>()), i => i.Contains("data", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_schema_migrator_adds_and_fills_the_columns_before_the_store_applies_its_schema()
    {
        var settings = (await TestEnvironment.CreateAsync("alert_activity_columns_fill")).Settings;
        settings["EventStore:DaemonMode"] = "Disabled";
        var raisedAt = Now.AddMinutes(-10);
        var rows = Enumerable.Range(0, AlertActivityColumns.BatchSize + 7).Select(i => new AlertActivity
        {
            Id = Guid.NewGuid(), SubscriptionId = Guid.NewGuid(), RaisedAt = raisedAt.AddSeconds(i), LastMatchAt = raisedAt.AddSeconds(i + 30),
        }).ToList();
        await using (var before = await ServiceHost.StartAsync(typeof(AlertingWiring).Assembly, settings, builder => builder.AddEventStore(opts =>
            opts.Schema.For<AlertActivity>().DocumentAlias(RecentAlerts.DocumentAlias)
                .Index(a => new { a.SubscriptionId, a.RaisedAt })
                .Index(a => new { a.SubscriptionId, a.LastMatchAt })), _ => { }))
        {
            await before.Services.GetRequiredService<IDocumentStore>().BulkInsertAsync(rows);
            var dataSource = before.Services.GetRequiredService<NpgsqlDataSource>();

            Assert.Equal(rows.Count, await AlertActivityColumns.AddAndFillAsync(dataSource, "public", CancellationToken.None));
            Assert.Equal(0, await AlertActivityColumns.AddAndFillAsync(dataSource, "public", CancellationToken.None));
            await using var read = dataSource.CreateCommand(
                "select id, subscription_id, raised_at, last_match_at from mt_doc_" + RecentAlerts.DocumentAlias);
            var stored = new Dictionary<Guid, (Guid Subscription, DateTime RaisedAt, DateTime LastMatchAt)>();
            await using (var reader = await read.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    stored[reader.GetGuid(0)] = (reader.GetGuid(1), reader.GetDateTime(2), reader.GetDateTime(3));
                }
            }

            Assert.All(rows, r => Assert.Equal((r.SubscriptionId, r.RaisedAt.UtcDateTime, r.LastMatchAt.UtcDateTime), stored[r.Id]));
        }

        await using var after = await StartStoreAsync(settings);
        await using var query = after.Services.GetRequiredService<IDocumentStore>().QuerySession();
        var last = rows[^1];
        Assert.Equal(1, await RecentAlerts.RaisedInHourUpToAsync(query, last.SubscriptionId, last.Id, last.RaisedAt, CancellationToken.None));
        Assert.Single(await RecentAlerts.MatchTimesAsync(query, last.SubscriptionId, last.RaisedAt.AddSeconds(-1), CancellationToken.None));
    }

    [Fact]
    public async Task The_schema_migrator_step_does_nothing_where_there_is_no_table_yet()
    {
        var settings = (await TestEnvironment.CreateAsync("alert_activity_columns_none")).Settings;
        await using var dataSource = NpgsqlDataSource.Create(settings["ConnectionStrings:Postgres"]!);

        Assert.Equal(0, await AlertActivityColumns.AddAndFillAsync(dataSource, "public", CancellationToken.None));
    }

    private static async Task<List<string>> IndexDefinitionsAsync(NpgsqlDataSource dataSource)
    {
        await using var command = dataSource.CreateCommand("select indexdef from pg_indexes where tablename = 'mt_doc_" + RecentAlerts.DocumentAlias + "'");
        var definitions = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            definitions.Add(reader.GetString(0));
        }

        return definitions;
    }

    private static async Task<string> ExplainAsync(NpgsqlDataSource dataSource, IQueryable<AlertActivity> query)
    {
        var command = query.ToCommand(FetchType.FetchMany);
        await using var explain = dataSource.CreateCommand("EXPLAIN " + command.CommandText);
        foreach (NpgsqlParameter parameter in command.Parameters)
        {
            explain.Parameters.Add(parameter.Clone());
        }

        var lines = new List<string>();
        await using var reader = await explain.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            lines.Add(reader.GetString(0));
        }

        return string.Join('\n', lines);
    }

    private static async Task<ServiceHost> StartStoreAsync(string name)
    {
        var settings = (await TestEnvironment.CreateAsync(name)).Settings;
        settings["EventStore:DaemonMode"] = "Disabled";
        return await StartStoreAsync(settings);
    }

    private static Task<ServiceHost> StartStoreAsync(Dictionary<string, string?> settings) =>
        ServiceHost.StartAsync(typeof(AlertingWiring).Assembly, settings, builder => builder.AddEventStore(RecentAlerts.Register), _ => { });
}
