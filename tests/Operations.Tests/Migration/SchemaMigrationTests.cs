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
    public async Task The_migrator_gives_article_records_from_before_the_stored_search_vector_the_vector_and_coverage_row_the_projection_writes()
    {
        var db = await TestServers.CreateDatabaseAsync("migrate-vector");
        var settings = TestServers.ServiceSettings(db, "/");
        await SchemaMigration.ApplyAsync([], settings, NullLogger.Instance, CancellationToken.None);

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddEventStore();
        await using (var app = builder.Build())
        {
            await using var session = app.Services.GetRequiredService<IDocumentStore>().LightweightSession();
            for (var i = 0; i < 3; i++)
            {
                var url = $"https://lakeside.example/{i}";
                var id = StreamIdentity.ForArticle(url);
                var at = new DateTimeOffset(2026, 4, 2, 9, i, 0, TimeSpan.Zero);
                session.Store(ArticleRecord.Fold(id, [
                    new ArticleFetched(id, url, url, $"Ferry timetable {i}", "The ferry to Port Elm sails twice a day.", at, "Lakeside", Guid.NewGuid(), at, "c"),
                    new EntitiesTagged(id, [new TaggedEntity("q:elm", "Port Elm", EntityType.Location, 1, 1, ["Port Elm"])], at, "t"),
                ])!);
            }

            await session.SaveChangesAsync();
        }

        string[] written;
        await using (var connection = new NpgsqlConnection(db))
        {
            await connection.OpenAsync();
            written = await VectorsAsync(connection);
            Assert.Equal(3, written.Length);
            Assert.All(written, v => Assert.Contains("ferry", v, StringComparison.Ordinal));
            // A database from before the column: the rows have none, and the old expression index is still there.
            await using var old = new NpgsqlCommand(
                "update mt_doc_article set search_vector = null, coverage_row = null; create index mt_doc_article_simple_idx_fts on mt_doc_article using gin (to_tsvector('simple'::regconfig, data ->> 'TextTerms'))",
                connection);
            await old.ExecuteNonQueryAsync();
        }

        await SchemaMigration.ApplyAsync([], settings, NullLogger.Instance, CancellationToken.None);

        await using (var connection = new NpgsqlConnection(db))
        {
            await connection.OpenAsync();
            Assert.Equal(written, await VectorsAsync(connection));
            // The coverage row too (its content against the projection's: CoverageDecisionTests).
            await using var rows = new NpgsqlCommand("select count(*) from mt_doc_article where coverage_row like '%Port Elm%'", connection);
            Assert.Equal(3L, await rows.ExecuteScalarAsync());
            await using var index = new NpgsqlCommand("select count(*) from pg_indexes where indexname = 'mt_doc_article_simple_idx_fts'", connection);
            Assert.Equal(0L, await index.ExecuteScalarAsync());
        }
    }

    private static async Task<string[]> VectorsAsync(NpgsqlConnection connection)
    {
        await using var command = new NpgsqlCommand("select coalesce(search_vector::text, '') from mt_doc_article order by id", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var vectors = new List<string>();
        while (await reader.ReadAsync())
        {
            vectors.Add(reader.GetString(0));
        }

        return [.. vectors];
    }
}
