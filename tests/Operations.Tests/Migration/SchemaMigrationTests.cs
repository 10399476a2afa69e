using Marten;
using MediaMonitor.SchemaMigrator;
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
}
