using Marten;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace MediaMonitor.ServiceDefaults.EventSchema;

/// <summary>
/// An index on mt_events ("timestamp", type) for counts of events per type and minute (the Api's operations page). Marten
/// has no way to declare an index on its events table, so every service tells its schema migration to leave this one alone
/// (<c>opts.Events.IgnoreIndex</c> in <see cref="EventStoreExtensions.AddEventStore"/>) and the Api creates it in the
/// background at start-up, CONCURRENTLY so appends are never blocked while a large table is indexed.
/// </summary>
public sealed partial class EventTimestampIndex(IDocumentStore store, NpgsqlDataSource database, ILogger<EventTimestampIndex> logger) : BackgroundService
{
    public const string Name = "mm_events_timestamp_type";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            if (await EnsureAsync(stoppingToken))
            {
                LogCreated(logger, Name);
            }
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException && !stoppingToken.IsCancellationRequested)
        {
            // Another replica building it at the same moment, or no rights to: the counts still work, by a scan of the table.
            LogFailed(logger, e, Name);
        }
    }

    /// <summary>Creates the index unless a valid one exists (an invalid one left by an interrupted build is dropped first); true when it built one.</summary>
    public async Task<bool> EnsureAsync(CancellationToken ct)
    {
        var schema = store.Options.Events.DatabaseSchemaName;
        await using var connection = await database.OpenConnectionAsync(ct);
        await using (var check = new NpgsqlCommand(
            "select i.indisvalid from pg_index i join pg_class c on c.oid = i.indexrelid join pg_namespace n on n.oid = c.relnamespace " +
            "where c.relname = @name and n.nspname = @schema", connection))
        {
            check.Parameters.AddWithValue("name", Name);
            check.Parameters.AddWithValue("schema", schema);
            switch (await check.ExecuteScalarAsync(ct))
            {
                case true:
                    return false;
                case false:
                    await using (var drop = new NpgsqlCommand($"drop index concurrently if exists {schema}.{Name}", connection))
                    {
                        await drop.ExecuteNonQueryAsync(ct);
                    }

                    break;
            }
        }

        await using var create = new NpgsqlCommand($"create index concurrently if not exists {Name} on {schema}.mt_events (\"timestamp\", type)", connection);
        create.CommandTimeout = 0;
        await create.ExecuteNonQueryAsync(ct);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Created the event store index {Index} (events per type and minute)")]
    private static partial void LogCreated(ILogger logger, string index);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not create the event store index {Index}; counts per minute scan the events table")]
    private static partial void LogFailed(ILogger logger, Exception exception, string index);
}
