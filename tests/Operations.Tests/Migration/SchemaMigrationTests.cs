using Marten;
using MediaMonitor.Contracts;
using MediaMonitor.Contracts.Crawler;
using MediaMonitor.Contracts.EntityTagging;
using MediaMonitor.SchemaMigrator;
using MediaMonitor.ServiceDefaults;
using MediaMonitor.ServiceDefaults.Articles;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace MediaMonitor.Operations.Tests.Migration;

public sealed class SchemaMigrationTests
{
    [Fact]
    public async Task Schema_migrator_leaves_an_empty_database_matching_every_services_configuration()
    {
        var db = await TestServers.CreateDatabaseAsync("migrate");
        var settings = TestServers.ServiceSettings(db, "/");

        await SchemaMigration.ApplyAsync([], settings, NullLogger.Instance, CancellationToken.None);

        await using (var connection = new NpgsqlConnection(db))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(
                "select count(*) from information_schema.tables where table_name in ('mt_events', 'mt_streams', 'mt_event_progression')", connection);
            Assert.Equal(3L, await command.ExecuteScalarAsync());
        }

        foreach (var (service, add) in SchemaMigration.Services)
        {
            var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
            builder.Configuration.AddInMemoryCollection(settings);
            add(builder);
            await using var app = builder.Build();
            MassTransit.LogContext.ConfigureCurrentLogContext(app.Services.GetRequiredService<Microsoft.Extensions.Logging.ILoggerFactory>());
            _ = app.Services.GetService<MassTransit.IBus>();
            var store = app.Services.GetRequiredService<IDocumentStore>();
            // Throws, naming the difference, when any table, function or index this service expects is missing or different.
            await store.Storage.Database.AssertDatabaseMatchesConfigurationAsync();
        }
    }

    [Fact]
    public async Task Running_the_schema_migrator_twice_succeeds()
    {
        var db = await TestServers.CreateDatabaseAsync("migrate2");
        var settings = TestServers.ServiceSettings(db, "/");

        await SchemaMigration.ApplyAsync([], settings, NullLogger.Instance, CancellationToken.None);
        await SchemaMigration.ApplyAsync([], settings, NullLogger.Instance, CancellationToken.None);
    }

    [Fact]
    public async Task The_migrator_gives_article_records_from_before_the_vector_table_the_vector_rows_and_coverage_row_the_projection_writes()
    {
        var db = await TestServers.CreateDatabaseAsync("migrate-vector");
        var settings = TestServers.ServiceSettings(db, "/");
        await SchemaMigration.ApplyAsync([], settings, NullLogger.Instance, CancellationToken.None);

        var records = await StoreRecordsUnprojectedAsync(settings, ["Port Elm"], firstTextSequence: 0);
        var expected = new List<string>();
        await using (var connection = new NpgsqlConnection(db))
        {
            // What the live projection writes for each (ArticleSearchVectors.Write): the record's search tokens, cast.
            await connection.OpenAsync();
            await WithTextTermsInJsonAsync(connection, records);
            foreach (var record in records.OrderBy(r => r.Id))
            {
                await using var cast = new NpgsqlCommand("select @v::tsvector::text", connection);
                cast.Parameters.AddWithValue("v", record.SearchVector);
                expected.Add((string)(await cast.ExecuteScalarAsync())!);
            }
        }

        Assert.All(expected, v => Assert.Contains("ferry", v, StringComparison.Ordinal));
        await using (var connection = new NpgsqlConnection(db))
        {
            await connection.OpenAsync();
            // A database from before the vector table: the vector a column of the record table (GIN-indexed), no coverage
            // row, and the older expression index still there.
            await using var old = new NpgsqlCommand(
                $"drop table {ArticleSearchVectors.Table}; alter table mt_doc_article add column search_vector tsvector; " +
                "update mt_doc_article set search_vector = ((data ->> 'TextTerms') || ' ' || (data ->> 'EntityTerms'))::tsvector, coverage_row = null; " +
                "create index mt_doc_article_idx_search_vector on mt_doc_article using gin (search_vector); " +
                "create index mt_doc_article_simple_idx_fts on mt_doc_article using gin (to_tsvector('simple'::regconfig, data ->> 'TextTerms'))",
                connection);
            await old.ExecuteNonQueryAsync();
        }

        await SchemaMigration.ApplyAsync([], settings, NullLogger.Instance, CancellationToken.None);

        await using (var connection = new NpgsqlConnection(db))
        {
            await connection.OpenAsync();
            Assert.Equal(expected, await VectorsAsync(connection));
            // The coverage row too (its content against the projection's: CoverageDecisionTests).
            await using var rows = new NpgsqlCommand("select count(*) from mt_doc_article where coverage_row like '%Port Elm%'", connection);
            Assert.Equal(3L, await rows.ExecuteScalarAsync());
            // What the vector table replaced is gone: the column (with its index) and the expression index.
            await using var replaced = new NpgsqlCommand(
                "select (select count(*) from pg_indexes where indexname in ('mt_doc_article_simple_idx_fts', 'mt_doc_article_idx_search_vector')) + " +
                "(select count(*) from information_schema.columns where table_name = 'mt_doc_article' and column_name = 'search_vector')", connection);
            Assert.Equal(0L, await replaced.ExecuteScalarAsync());
        }
    }

    [Fact]
    public async Task The_migrator_gives_vector_rows_from_before_their_other_columns_the_entities_own_lexemes_so_a_tagging_keeps_the_texts()
    {
        var db = await TestServers.CreateDatabaseAsync("migrate-vector-columns");
        var settings = TestServers.ServiceSettings(db, "/");
        await SchemaMigration.ApplyAsync([], settings, NullLogger.Instance, CancellationToken.None);
        // "Ferry" is a text token and an alias: not the entities' own.
        var records = await StoreRecordsUnprojectedAsync(settings, ["Port Elm", "Elm Ferry", "Elmsby"], firstTextSequence: 40);

        await using (var connection = new NpgsqlConnection(db))
        {
            await connection.OpenAsync();
            await WithTextTermsInJsonAsync(connection, records);
            // A vector table from before its other columns: the vector only.
            await using var old = new NpgsqlCommand(
                $"alter table {ArticleSearchVectors.Table} drop column entity_only, drop column text_sequence, drop column entity_terms, drop column tokens; " +
                $"insert into {ArticleSearchVectors.Table} (id, search_vector) select id, ((data ->> 'TextTerms') || ' ' || (data ->> 'EntityTerms'))::tsvector from mt_doc_article",
                connection);
            await old.ExecuteNonQueryAsync();
        }

        await SchemaMigration.ApplyAsync([], settings, NullLogger.Instance, CancellationToken.None);

        await using (var connection = new NpgsqlConnection(db))
        {
            await connection.OpenAsync();
            foreach (var record in records)
            {
                await using var row = new NpgsqlCommand(
                    $"select entity_only::text, text_sequence, entity_terms, tokens is null from {ArticleSearchVectors.Table} where id = @id", connection);
                row.Parameters.AddWithValue("id", record.Id);
                await using var reader = await row.ExecuteReaderAsync();
                Assert.True(await reader.ReadAsync());
                // The version that made them is not known: the next rebuild tokenizes them again.
                Assert.Equal((record.TextSequence, record.EntityTerms, true), (reader.GetInt64(1), reader.GetString(2), reader.GetBoolean(3)));
                var entityOnly = reader.GetString(0).Split(' ');
                Assert.Contains("'elmsby'", entityOnly);
                Assert.DoesNotContain("'ferry'", entityOnly);
                Assert.DoesNotContain("'port'", entityOnly);
            }
        }
    }

    /// <summary>
    /// Stores three article records (a fetch and a tagging of "Port Elm" with <paramref name="aliases"/>) as documents,
    /// not projected: no vector rows, as in a database from before the vector table. Their text sequences count from
    /// <paramref name="firstTextSequence"/> (0: left as folded).
    /// </summary>
    private static async Task<List<ArticleRecord>> StoreRecordsUnprojectedAsync(Dictionary<string, string?> settings, string[] aliases, long firstTextSequence)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddEventStore();
        var records = new List<ArticleRecord>();
        await using var app = builder.Build();
        await using var session = app.Services.GetRequiredService<IDocumentStore>().LightweightSession();
        for (var i = 0; i < 3; i++)
        {
            var url = $"https://lakeside.example/{i}";
            var id = StreamIdentity.ForArticle(url);
            var at = new DateTimeOffset(2026, 4, 2, 9, i, 0, TimeSpan.Zero);
            var record = ArticleRecord.Fold(id, [
                new ArticleFetched(id, url, url, $"Ferry timetable {i}", "The ferry to Port Elm sails twice a day.", at, "Lakeside", Guid.NewGuid(), at, "c"),
                new EntitiesTagged(id, [new TaggedEntity("q:elm", "Port Elm", EntityType.Location, 1, 1, aliases)], at, "t"),
            ])!;
            records.Add(firstTextSequence == 0 ? record : record with { TextSequence = firstTextSequence + i });
        }

        session.Store([.. records]);
        await session.SaveChangesAsync();
        return records;
    }

    /// <summary>Puts the records' text tokens into their JSON, where records of a database from before held them.</summary>
    private static async Task WithTextTermsInJsonAsync(NpgsqlConnection connection, IEnumerable<ArticleRecord> records)
    {
        foreach (var record in records)
        {
            await using var update = new NpgsqlCommand("update mt_doc_article set data = jsonb_set(data, '{TextTerms}', to_jsonb(@terms::text)) where id = @id", connection);
            update.Parameters.AddWithValue("terms", record.TextTerms!);
            update.Parameters.AddWithValue("id", record.Id);
            await update.ExecuteNonQueryAsync();
        }
    }

    private static async Task<string[]> VectorsAsync(NpgsqlConnection connection)
    {
        await using var command = new NpgsqlCommand(
            $"select coalesce(s.search_vector::text, '') from mt_doc_article d left join {ArticleSearchVectors.Table} s on s.id = d.id order by d.id", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var vectors = new List<string>();
        while (await reader.ReadAsync())
        {
            vectors.Add(reader.GetString(0));
        }

        return [.. vectors];
    }
}
