using Marten;
using MediaMonitor.Alerting;
using MediaMonitor.Api;
using MediaMonitor.Crawler;
using MediaMonitor.Deduplication;
using MediaMonitor.EntityTagging;
using MediaMonitor.ServiceDefaults.Articles;
using Microsoft.Extensions.Logging;

namespace MediaMonitor.SchemaMigrator;

/// <summary>
/// Builds (never starts) each service's host exactly as its Program.cs wires it, and applies that service's Marten
/// schema: the event store, documents and projections. Every service's store shares one database, so the union of
/// the five is the whole schema. Nothing connects to RabbitMQ; nothing is consumed or published.
/// </summary>
public static class SchemaMigration
{
    public static readonly IReadOnlyList<(string Service, Action<WebApplicationBuilder> Add)> Services =
    [
        ("Crawler", b => b.AddCrawler()),
        ("Deduplication", b => b.AddDeduplication()),
        ("EntityTagging", b => b.AddEntityTagging()),
        ("Alerting", b => b.AddAlerting()),
        ("Api", b => b.AddApi()),
    ];

    /// <summary>Applies every service's schema; configuration as the services read it (ConnectionStrings__Postgres ...).</summary>
    public static async Task ApplyAsync(string[] args, IDictionary<string, string?>? overrides, ILogger log, CancellationToken cancellationToken)
    {
        foreach (var (service, add) in Services)
        {
            var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ApplicationName = "MediaMonitor." + service });
            if (overrides is not null)
            {
                builder.Configuration.AddInMemoryCollection(overrides);
            }

            add(builder);
            await using var app = builder.Build();
            // The relay subscription holds the bus; created lazily during disposal it would find the logger factory
            // already disposed. Creating it here connects to nothing: only a started bus does.
            MassTransit.LogContext.ConfigureCurrentLogContext(app.Services.GetRequiredService<ILoggerFactory>());
            _ = app.Services.GetService<MassTransit.IBus>();
            var store = app.Services.GetRequiredService<IDocumentStore>();
            if (service == "Alerting")
            {
                // Before Marten's own migration, which would fill the new columns in one statement (timed out on large tables).
                var filled = await MediaMonitor.Alerting.Activity.AlertActivityColumns.AddAndFillAsync(
                    app.Services.GetRequiredService<Npgsql.NpgsqlDataSource>(), store.Options.DatabaseSchemaName, cancellationToken);
                if (filled > 0)
                {
                    log.LogInformation("Filled the columns of {Rows} alert activity rows written before they existed", filled);
                }
            }

            await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
            log.LogInformation("Applied the {Service} schema", service);
            if (service == "Api")
            {
                // Data the new schema needs: article records from before the stored search vector and coverage row get theirs.
                await SearchVectorFill.FillMissingAsync(store, app.Services.GetRequiredService<Npgsql.NpgsqlDataSource>(), log, cancellationToken);
                await CoverageRowFill.FillMissingAsync(store, app.Services.GetRequiredService<Npgsql.NpgsqlDataSource>(), log, cancellationToken);
            }
        }
    }
}
