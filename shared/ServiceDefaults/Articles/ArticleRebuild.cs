using JasperFx.Events.Daemon;
using Marten;
using Npgsql;
using NpgsqlTypes;

namespace MediaMonitor.ServiceDefaults.Articles;

/// <summary>
/// Rebuilds mt_doc_article from the events in one pass: article events read in (stream, version) order, each stream
/// folded by <see cref="ArticleRecord.Step"/> and written with COPY, then the projection's progress set to where the
/// read began. Marten's RebuildProjectionAsync instead loads events by sequence and upserts each document in batches.
/// Run it with the projection's shard stopped (a daemon projecting at the same time would write rows twice).
/// </summary>
public static class ArticleRebuild
{
    private static readonly Dictionary<string, Type> EventTypes = new[]
        {
            typeof(Contracts.Crawler.ArticleDiscovered), typeof(Contracts.Crawler.ArticleFetched), typeof(Contracts.Crawler.ArticleFetchFailed),
            typeof(Contracts.Deduplication.ArticleDeduplicated), typeof(Contracts.EntityTagging.EntitiesTagged),
        }
        .ToDictionary(EventSchema.StoredEventNames.Of, t => t, StringComparer.Ordinal);

    /// <summary>Old stored names of article events, read through their upcast as every session reads them.</summary>
    private static readonly Dictionary<string, EventSchema.StoredEventUpcast> Upcasts = EventSchema.StoredEventUpcasts.All
        .Where(u => EventTypes.ContainsValue(u.Into))
        .ToDictionary(u => u.StoredName, StringComparer.Ordinal);

    /// <summary>The shard the article projection runs as in a daemon.</summary>
    public const string Shard = ArticleRecordProjection.ProjectionName + ":All";

    /// <summary>
    /// Rebuilds in this process's running daemon: stops the article shard, rebuilds, starts it again. The shard is held by
    /// one process at a time (HotCold; the Api and Alerting both run the projection): returns null, doing nothing, when
    /// this process does not hold it; otherwise the number of events folded.
    /// </summary>
    public static async Task<long?> InRunningDaemonAsync(
        IDocumentStore store, NpgsqlDataSource dataSource, IProjectionCoordinator coordinator, Action<long, long>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(coordinator);
        var daemon = coordinator.DaemonForMainDatabase();
        if (!HoldsShard(coordinator))
        {
            return null;
        }

        await daemon.StopAgentAsync(Shard);
        try
        {
            return await RunAsync(store, dataSource, progress, cancellationToken);
        }
        finally
        {
            await daemon.StartAgentAsync(Shard, CancellationToken.None);
        }
    }

    /// <summary>Whether this process's daemon runs the article shard now.</summary>
    public static bool HoldsShard(IProjectionCoordinator coordinator)
    {
        ArgumentNullException.ThrowIfNull(coordinator);
        return coordinator.DaemonForMainDatabase().CurrentAgents().Any(a => a.Name.Identity == Shard);
    }

    /// <summary>Returns the number of events folded; <paramref name="progress"/> gets (events done, events in total) now and then.</summary>
    public static async Task<long> RunAsync(IDocumentStore store, NpgsqlDataSource dataSource, Action<long, long>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(dataSource);
        var events = store.Options.Events.DatabaseSchemaName;
        var table = store.Options.DatabaseSchemaName + ".mt_doc_" + ArticleReadModel.Alias;
        var serializer = store.Options.Serializer();
        var types = EventTypes.Keys.Concat(Upcasts.Keys).ToArray();

        await using var read = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var snapshot = await read.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);
        long ceiling, total;
        await using (var mark = new NpgsqlCommand($"select coalesce(max(seq_id), 0), count(*) filter (where type = any(@types)) from {events}.mt_events", read, snapshot))
        {
            mark.Parameters.AddWithValue("types", types);
            await using var r = await mark.ExecuteReaderAsync(cancellationToken);
            await r.ReadAsync(cancellationToken);
            (ceiling, total) = (r.GetInt64(0), r.GetInt64(1));
        }

        await using var write = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var writing = await write.BeginTransactionAsync(cancellationToken);
        await using (var clear = new NpgsqlCommand($"truncate {table}", write, writing))
        {
            await clear.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var scan = new NpgsqlCommand(
            $"select stream_id, seq_id, timestamp, type, data::text from {events}.mt_events where type = any(@types) and seq_id <= @ceiling order by stream_id, version", read, snapshot);
        scan.Parameters.AddWithValue("types", types);
        scan.Parameters.AddWithValue("ceiling", ceiling);
        await using var reader = await scan.ExecuteReaderAsync(System.Data.CommandBehavior.SequentialAccess, cancellationToken);
        await using var copy = await write.BeginBinaryImportAsync(
            $"copy {table} (id, data, mt_version, mt_dotnet_type, at, fetched_at, source_id, story_id, first_event_at, last_event_at) from stdin (format binary)",
            cancellationToken);
        ArticleRecord? current = null;
        long version = 0, done = 0;
        while (await reader.ReadAsync(cancellationToken))
        {
            var streamId = reader.GetGuid(0);
            var sequence = reader.GetInt64(1);
            var timestamp = reader.GetFieldValue<DateTimeOffset>(2);
            var typeName = reader.GetString(3);
            var body = reader.GetString(4);
            object data;
            if (Upcasts.TryGetValue(typeName, out var upcast))
            {
                using var stored = System.Text.Json.JsonDocument.Parse(body);
                data = upcast.Upcast(stored.RootElement);
            }
            else
            {
                using var json = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(body));
                data = serializer.FromJson(EventTypes[typeName], json);
            }
            if (current is not null && current.Id != streamId)
            {
                await WriteAsync(copy, serializer, current, version, cancellationToken);
                (current, version) = (null, 0);
            }

            current = ArticleRecord.Step(current, streamId, data, sequence, timestamp);
            version++;
            if (++done % 50_000 == 0)
            {
                progress?.Invoke(done, total);
            }
        }

        if (current is not null)
        {
            await WriteAsync(copy, serializer, current, version, cancellationToken);
        }

        await copy.CompleteAsync(cancellationToken);
        await copy.DisposeAsync();
        await using (var mark = new NpgsqlCommand(
            $"insert into {events}.mt_event_progression (name, last_seq_id, last_updated) values (@name, @ceiling, now()) " +
            "on conflict (name) do update set last_seq_id = excluded.last_seq_id, last_updated = now()", write, writing))
        {
            mark.Parameters.AddWithValue("name", ArticleRecordProjection.ProjectionName + ":All");
            mark.Parameters.AddWithValue("ceiling", ceiling);
            await mark.ExecuteNonQueryAsync(cancellationToken);
        }

        await writing.CommitAsync(cancellationToken);

        // Fresh statistics, or the planner guesses the full-text condition's selectivity and scans every row.
        await using (var analyze = new NpgsqlCommand($"analyze {table}", write))
        {
            await analyze.ExecuteNonQueryAsync(cancellationToken);
        }

        progress?.Invoke(done, total);
        return done;
    }

    private static async Task WriteAsync(NpgsqlBinaryImporter copy, ISerializer serializer, ArticleRecord record, long version, CancellationToken cancellationToken)
    {
        await copy.StartRowAsync(cancellationToken);
        await copy.WriteAsync(record.Id, NpgsqlDbType.Uuid, cancellationToken);
        await copy.WriteAsync(serializer.ToJson(record), NpgsqlDbType.Jsonb, cancellationToken);
        await copy.WriteAsync(version, NpgsqlDbType.Bigint, cancellationToken);
        await copy.WriteAsync(typeof(ArticleRecord).FullName!, NpgsqlDbType.Varchar, cancellationToken);
        await WriteNullableAsync(copy, record.At, cancellationToken);
        await WriteNullableAsync(copy, record.FetchedAt, cancellationToken);
        await WriteNullableAsync(copy, record.SourceId, cancellationToken);
        await WriteNullableAsync(copy, record.StoryId, cancellationToken);
        await copy.WriteAsync(record.FirstEventAt.ToUniversalTime(), NpgsqlDbType.TimestampTz, cancellationToken);
        await copy.WriteAsync(record.LastEventAt.ToUniversalTime(), NpgsqlDbType.TimestampTz, cancellationToken);
    }

    private static async Task WriteNullableAsync(NpgsqlBinaryImporter copy, DateTimeOffset? value, CancellationToken cancellationToken)
    {
        if (value is { } v)
        {
            await copy.WriteAsync(v.ToUniversalTime(), NpgsqlDbType.TimestampTz, cancellationToken);
        }
        else
        {
            await copy.WriteNullAsync(cancellationToken);
        }
    }

    private static async Task WriteNullableAsync(NpgsqlBinaryImporter copy, Guid? value, CancellationToken cancellationToken)
    {
        if (value is { } v)
        {
            await copy.WriteAsync(v, NpgsqlDbType.Uuid, cancellationToken);
        }
        else
        {
            await copy.WriteNullAsync(cancellationToken);
        }
    }
}
