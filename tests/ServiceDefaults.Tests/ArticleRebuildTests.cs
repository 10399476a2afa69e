using MediaMonitor.Contracts.Deduplication;
using MediaMonitor.Contracts.EntityTagging;
using JasperFx.Events.Daemon;
using Marten.Events;
using MediaMonitor.ServiceDefaults.Articles;

namespace MediaMonitor.ServiceDefaults.Tests;

public sealed class ArticleRebuildTests
{
    [Fact]
    public async Task The_rebuild_writes_every_article_as_the_fold_gives_it_and_the_indexed_search_finds_it()
    {
        var env = await TestEnvironment.CreateAsync("rebuild");
        var settings = env.Settings;
        settings["EventStore:DaemonMode"] = "Disabled";
        await using var host = await ServiceHost.StartAsync(typeof(ArticleRebuildTests).Assembly, settings,
            builder => builder.AddEventStore(o => o.AddArticleProjection()), _ => { });
        var store = host.Services.GetRequiredService<IDocumentStore>();
        var at = new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);
        var source = Guid.NewGuid();
        var expected = new Dictionary<Guid, List<object>>();
        await using (var session = store.LightweightSession())
        {
            for (var i = 0; i < 30; i++)
            {
                var url = $"https://herald.example/{i}";
                var id = StreamIdentity.ForArticle(url);
                List<object> events =
                [
                    new ArticleFetched(id, url, url, $"Glacier report {i}", "Ice loss in the Alps, Zürich says.", at.AddHours(i), "Herald", source, at.AddHours(i), "c"),
                    new ArticleDeduplicated(id, DedupVerdict.Original, null, 1, id, at.AddHours(i), "d"),
                    new EntitiesTagged(id, [new TaggedEntity("q:new", "Newer", EntityType.Organization, 1, 1, ["Newer"])], at.AddHours(i + 2), "t2"),
                    new EntitiesTagged(id, [new TaggedEntity("q:old", "Older", EntityType.Organization, 1, 1, ["Older"])], at.AddHours(i + 1), "t1"),
                ];
                session.Events.StartStream(id, [.. events]);
                expected[id] = events;
            }

            await session.SaveChangesAsync();
        }

        var folded = await ArticleRebuild.RunAsync(store, host.Services.GetRequiredService<NpgsqlDataSource>(), null, CancellationToken.None);

        Assert.Equal(120, folded);
        await using var query = store.QuerySession();
        var records = (await query.Query<ArticleRecord>().ToListAsync()).ToDictionary(r => r.Id);
        Assert.Equal(expected.Count, records.Count);
        foreach (var (id, events) in expected)
        {
            var fold = ArticleRecord.Fold(id, events)!;
            var stored = records[id];
            Assert.Equal((fold.Title, fold.At, fold.StoryId, fold.EntityTerms), (stored.Title, stored.At, stored.StoryId, stored.EntityTerms));
            // The text's tokens are in the vector row only, not in the JSON.
            Assert.Null(stored.TextTerms);
            Assert.Equal("Newer", Assert.Single(stored.Entities).Name);
        }

        var search = host.Services.GetRequiredService<ArticleSearch>();
        var found = new List<ArticleCandidate>();
        await foreach (var candidate in search.ScanAsync(new ArticleScan { Prefilter = Text.Querying.SearchPrefilter.For(Text.Querying.QueryParser.Parse("Zürich AND entity:newer").Query!) }, CancellationToken.None))
        {
            found.Add(candidate);
        }

        Assert.Equal(30, found.Count);
        Assert.All(found, c => Assert.Equal("Ice loss in the Alps, Zürich says.", c.Text));
    }

    [Fact]
    public async Task A_rebuild_in_the_running_daemon_writes_what_the_live_projection_wrote_while_readers_read_and_appends_made_meanwhile_follow()
    {
        var env = await TestEnvironment.CreateAsync("rebuild-live");
        var settings = env.Settings;
        settings["EventStore:DaemonMode"] = "Solo";
        await using var host = await ServiceHost.StartAsync(typeof(ArticleRebuildTests).Assembly, settings,
            builder => builder.AddEventStore(o => o.AddArticleProjection()), _ => { });
        var store = host.Services.GetRequiredService<IDocumentStore>();
        var dataSource = host.Services.GetRequiredService<NpgsqlDataSource>();
        var coordinator = host.Services.GetRequiredService<IProjectionCoordinator>();
        var at = new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);
        const int articles = 2_000;
        for (var start = 0; start < articles; start += 500)
        {
            await using var session = store.LightweightSession();
            for (var i = start; i < start + 500; i++)
            {
                session.Events.StartStream(StreamIdentity.ForArticle($"https://herald.example/{i}"), [.. ArticleEvents(i, at)]);
            }

            await session.SaveChangesAsync();
        }

        using var patience = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromMinutes(3));
        var live = await RowsAsync(dataSource);
        Assert.Equal(articles, live.Count);
        var (liveTable, liveIndexes) = await TableAsync(dataSource);
        // The live projection wrote a vector row for every fetched article (in the batch that upserted its record).
        Assert.Equal(live.Values.Count(r => r.SearchVector.Length > 0), live.Count - articles / 50);
        var liveVectors = await VectorTableAsync(dataSource);

        // Vector rows gone wrong: one missing, one made by another tokenizer version, one made from an earlier fetch, one
        // from another tagging, one without an article. The rebuild makes these again (or drops the orphan) by what each
        // row says it was made from, without tokenizing the others; so a vector changed while what it says it was made from
        // was not (by hand: nothing else writes them) stays as it is. Every other row is left as it was (same row version:
        // its GIN entries not made again).
        Guid Article(int i) => StreamIdentity.ForArticle($"https://herald.example/{i}");
        await using (var tamper = dataSource.CreateCommand(
            $"delete from {ArticleSearchVectors.Table} where id = @missing; update {ArticleSearchVectors.Table} set search_vector = 'wrong', tokens = 0 where id = @changed; " +
            $"update {ArticleSearchVectors.Table} set search_vector = 'earlier', text_sequence = text_sequence - 1 where id = @refetched; " +
            $"update {ArticleSearchVectors.Table} set search_vector = 'retagged', entity_terms = 'older' where id = @retagged; " +
            $"update {ArticleSearchVectors.Table} set search_vector = search_vector || 'byhand'::tsvector where id = @byhand; " +
            $"insert into {ArticleSearchVectors.Table} (id, search_vector) values (@orphan, 'orphan')"))
        {
            tamper.Parameters.AddWithValue("missing", Article(3));
            tamper.Parameters.AddWithValue("changed", Article(5));
            tamper.Parameters.AddWithValue("refetched", Article(7));
            tamper.Parameters.AddWithValue("retagged", Article(9));
            tamper.Parameters.AddWithValue("byhand", Article(11));
            tamper.Parameters.AddWithValue("orphan", Guid.NewGuid());
            await tamper.ExecuteNonQueryAsync();
        }

        var byHand = (await RowsAsync(dataSource))[Article(11)];

        var untouched = await VectorRowVersionsAsync(dataSource);
        await Eventually.Until(() => Task.FromResult(ArticleRebuild.HoldsShard(coordinator)), holds => holds, TimeSpan.FromMinutes(1), "the daemon holding the article shard");

        // The rebuild stops at its first progress report (rows are being copied) until the readers below have their answers.
        var holding = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var release = new ManualResetEventSlim();
        var rebuild = Task.Run(() => ArticleRebuild.InRunningDaemonAsync(store, dataSource, coordinator, (done, total) =>
        {
            if (done < total && holding.TrySetResult(done))
            {
                release.Wait(patience.Token);
            }
        }, CancellationToken.None));
        await Task.WhenAny(holding.Task, rebuild);
        Assert.True(holding.Task.IsCompleted, $"the rebuild ended without reporting progress: {rebuild.Exception}");

        await using (var query = store.QuerySession())
        {
            // Under a TRUNCATE in the rebuild's transaction this waited until the rebuild ended (here: until patience ran out).
            Assert.Equal(articles, await query.Query<ArticleRecord>().CountAsync(patience.Token));
            Assert.Equal("Glacier report 7", (await query.LoadAsync<ArticleRecord>(StreamIdentity.ForArticle("https://herald.example/7"), patience.Token))?.Title);
        }

        await using (var locks = dataSource.CreateCommand(
            "select count(*) from pg_locks where relation = 'mt_doc_article'::regclass and mode <> 'AccessShareLock'"))
        {
            Assert.Equal(0L, await locks.ExecuteScalarAsync(patience.Token));
        }

        // Autovacuum leaves the staging table and its TOAST table alone while they are written and indexed.
        Assert.Equal("autovacuum_enabled=false;autovacuum_enabled=false", await AutovacuumOptionsAsync(dataSource, ArticleRebuild.StagingTable));

        await using (var session = store.LightweightSession())
        {
            for (var i = articles; i < articles + 5; i++)
            {
                session.Events.StartStream(StreamIdentity.ForArticle($"https://herald.example/{i}"), [.. ArticleEvents(i, at)]);
            }

            await session.SaveChangesAsync();
        }

        release.Set();
        var folded = await rebuild;

        Assert.Equal(live.Values.Sum(r => r.Version), folded);
        await store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromMinutes(3));
        var rebuilt = await RowsAsync(dataSource);
        Assert.Equal(articles + 5, rebuilt.Count);
        foreach (var (id, row) in live)
        {
            Assert.Equal(id == Article(11) ? byHand : row, rebuilt[id]);
        }

        await using (var query = store.QuerySession())
        {
            Assert.Equal("Glacier report 2004", (await query.LoadAsync<ArticleRecord>(StreamIdentity.ForArticle($"https://herald.example/{articles + 4}")))?.Title);
        }

        // A new table under the old names: the indexes and the primary key as Marten made them, so a store starting on it
        // finds nothing to change.
        var (rebuiltTable, rebuiltIndexes) = await TableAsync(dataSource);
        Assert.NotEqual(liveTable, rebuiltTable);
        Assert.Equal(liveIndexes, rebuiltIndexes);
        // The vector table kept (not swapped), repaired where it was wrong, every other row not written again.
        Assert.Equal(liveVectors, await VectorTableAsync(dataSource));
        var after = await VectorRowVersionsAsync(dataSource);
        Assert.Single(untouched.Keys, id => !after.ContainsKey(id)); // the orphan
        Assert.True(after.ContainsKey(Article(3)));
        Guid[] remade = [Article(5), Article(7), Article(9)];
        Assert.All(remade, id => Assert.NotEqual(untouched[id], after[id]));
        Assert.All(untouched.Where(v => !remade.Contains(v.Key) && after.ContainsKey(v.Key)), v => Assert.Equal(v.Value, after[v.Key]));
        // ...and vacuums the live one again; the rebuild VACUUMed the TOAST table beside the index builds.
        Assert.Equal(";", await AutovacuumOptionsAsync(dataSource, "mt_doc_article"));
        await using (var vacuumed = dataSource.CreateCommand(
            "select count(*) from pg_stat_all_tables where last_vacuum is not null and relid = (select reltoastrelid from pg_class where oid = 'mt_doc_article'::regclass)"))
        {
            Assert.Equal(1L, await vacuumed.ExecuteScalarAsync());
        }
        settings["EventStore:DaemonMode"] = "Disabled";
        await using (var again = await ServiceHost.StartAsync(typeof(ArticleRebuildTests).Assembly, settings,
            builder => builder.AddEventStore(o => o.AddArticleProjection()), _ => { }))
        {
            var second = again.Services.GetRequiredService<IDocumentStore>();
            await second.Storage.Database.AssertDatabaseMatchesConfigurationAsync();
        }

        Assert.Equal((rebuiltTable, rebuiltIndexes), await TableAsync(dataSource));
    }

    /// <summary>Varied streams: a re-fetch that replaces the text, duplicates of a story, taggings out of order, a failed fetch.</summary>
    private static List<object> ArticleEvents(int i, DateTimeOffset at)
    {
        var url = $"https://herald.example/{i}";
        var id = StreamIdentity.ForArticle(url);
        var story = i % 4 == 0 ? id : StreamIdentity.ForArticle($"https://herald.example/{i - i % 4}");
        var source = new Guid(i % 3 + 1, 0, 0, [0, 0, 0, 0, 0, 0, 0, 0]);
        if (i % 50 == 49)
        {
            return [new ArticleFetchFailed(id, url, "HTTP 404", at.AddMinutes(i), "c")];
        }

        List<object> events =
        [
            // Half name their language (a rebuild that keeps the vectors reads those without their text), half do not (the
            // fold detects it from the text, which is then read).
            new ArticleFetched(id, url, url, $"Glacier report {i}",
                i % 2 == 0 ? $"Ice loss in the Alps, report {i} from Zürich." : $"Die Gletscher in den Alpen verlieren weiter Eis, und das meldet die Stadt Zürich in ihrem Bericht {i}.",
                at.AddMinutes(i), "Herald", source, at.AddMinutes(i), "c", Language: i % 2 == 0 ? "en" : null),
            new ArticleDeduplicated(id, story == id ? DedupVerdict.Original : DedupVerdict.DuplicateOf, story == id ? null : story, 0.9, story, at.AddMinutes(i), "d"),
            // "Alps" and "Herald" are text tokens too: the search vector holds each lexeme once, written by either path.
            new EntitiesTagged(id, [new TaggedEntity("q:new", "Newer", EntityType.Organization, 1, 1, ["Newer", "Alps", "Herald"])], at.AddMinutes(i + 2), "t2"),
            new EntitiesTagged(id, [new TaggedEntity("q:old", "Older", EntityType.Organization, 1, 1, ["Older"])], at.AddMinutes(i + 1), "t1"),
        ];
        if (i % 7 == 0)
        {
            events.Add(new ArticleFetched(id, url, url, $"Glacier report {i}", $"Updated: ice loss in the Alps, report {i}.", at.AddMinutes(i), "Herald", source, at.AddMinutes(i + 3), "c"));
        }

        return events;
    }

    private sealed record StoredRow(string Data, long Version, string? DotnetType, DateTimeOffset? At, DateTimeOffset? FetchedAt, Guid? SourceId, Guid? StoryId,
        DateTimeOffset FirstEventAt, DateTimeOffset LastEventAt, string SearchVector, string CoverageRow);

    private static async Task<Dictionary<Guid, StoredRow>> RowsAsync(NpgsqlDataSource dataSource)
    {
        await using var command = dataSource.CreateCommand(
            "select d.id, d.data::text, d.mt_version, d.mt_dotnet_type, d.at, d.fetched_at, d.source_id, d.story_id, d.first_event_at, d.last_event_at, " +
            $"concat_ws('|', s.search_vector, s.entity_only, s.text_sequence, s.entity_terms, s.tokens), d.coverage_row from mt_doc_article d left join {ArticleSearchVectors.Table} s on s.id = d.id");
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new Dictionary<Guid, StoredRow>();
        while (await reader.ReadAsync())
        {
            rows[reader.GetGuid(0)] = new StoredRow(reader.GetString(1), reader.GetInt64(2), reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetFieldValue<DateTimeOffset>(4), reader.IsDBNull(5) ? null : reader.GetFieldValue<DateTimeOffset>(5),
                reader.IsDBNull(6) ? null : reader.GetGuid(6), reader.IsDBNull(7) ? null : reader.GetGuid(7),
                reader.GetFieldValue<DateTimeOffset>(8), reader.GetFieldValue<DateTimeOffset>(9), reader.GetString(10), reader.GetString(11));
        }

        return rows;
    }

    /// <summary>The vector table's oid and its indexes, as <see cref="TableAsync"/> gives them.</summary>
    private static Task<(uint Oid, string Indexes)> VectorTableAsync(NpgsqlDataSource dataSource) => TableAsync(dataSource, ArticleSearchVectors.Table);

    /// <summary>Each vector row's version (xmin): a row written again has another.</summary>
    private static async Task<Dictionary<Guid, uint>> VectorRowVersionsAsync(NpgsqlDataSource dataSource)
    {
        await using var command = dataSource.CreateCommand($"select id, xmin from {ArticleSearchVectors.Table}");
        await using var reader = await command.ExecuteReaderAsync();
        var versions = new Dictionary<Guid, uint>();
        while (await reader.ReadAsync())
        {
            versions[reader.GetGuid(0)] = reader.GetFieldValue<uint>(1);
        }

        return versions;
    }

    /// <summary>The storage options of a table and of its TOAST table, as "table's;TOAST table's" (each comma-separated).</summary>
    private static async Task<string> AutovacuumOptionsAsync(NpgsqlDataSource dataSource, string table)
    {
        await using var command = dataSource.CreateCommand(
            "select coalesce(array_to_string(t.reloptions, ','), '') || ';' || coalesce(array_to_string(o.reloptions, ','), '') " +
            "from pg_class t join pg_class o on o.oid = t.reltoastrelid where t.oid = quote_ident(@table)::regclass");
        command.Parameters.AddWithValue("table", table);
        return (string)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>The table's oid and its indexes with their constraints, as "name|constraint|definition" in name order.</summary>
    private static async Task<(uint Oid, string Indexes)> TableAsync(NpgsqlDataSource dataSource, string table = "mt_doc_article")
    {
        await using var command = dataSource.CreateCommand(
            $"select '{table}'::regclass::oid, string_agg(i.relname || '|' || coalesce(c.conname, '') || '|' || pg_get_indexdef(x.indexrelid), E'\\n' order by i.relname) " +
            "from pg_index x join pg_class i on i.oid = x.indexrelid left join pg_constraint c on c.conindid = x.indexrelid " +
            $"where x.indrelid = '{table}'::regclass");
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetFieldValue<uint>(0), reader.GetString(1));
    }
}
