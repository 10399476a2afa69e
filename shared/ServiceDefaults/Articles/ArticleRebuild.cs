using System.Threading.Channels;
using JasperFx.Events.Daemon;
using Marten;
using Npgsql;
using NpgsqlTypes;

namespace MediaMonitor.ServiceDefaults.Articles;

/// <summary>
/// Rebuilds mt_doc_article from the events in one pass while readers keep reading the old rows: article events read in
/// (stream, version) order from one snapshot, whole streams folded by <see cref="ArticleRecord.Step"/> on every core,
/// written with two COPY streams at once (each on its own connection) into a staging table without indexes, the table's indexes then built in bulk on the
/// staging table, and the staging table swapped in (with the projection's progress set to where the read ended) in one
/// short transaction. The search vectors (<see cref="ArticleSearchVectors"/>): when most live rows were made by this
/// tokenizer version (the live projection wrote them), the table is kept and no text is tokenized: a third COPY stream
/// writes what each record's vector is made from (fetch sequence, entity terms), and only the rows made from another
/// fetch, tagging or version (or missing, or without a record) are made again. Otherwise every vector is made and COPYed
/// by the third stream into a staging table of its own and compared with the live ones: when few differ only those
/// rows are repaired, so the GIN index is not built again; else the staged table gets its indexes in bulk and is
/// swapped in with the records. Marten's RebuildProjectionAsync instead loads events by sequence and upserts each document in
/// batches into the indexed table. Run it with the projection's shard stopped (a daemon projecting at the same time
/// would write rows the swap then drops): <see cref="InRunningDaemonAsync"/> does that.
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

    /// <summary>The table the rows are written to before the swap (beside mt_doc_article, dropped when a rebuild fails).</summary>
    public const string StagingTable = "mt_doc_" + ArticleReadModel.Alias + "_rebuild";

    /// <summary>The table the search vectors are written to, compared with the live ones, and dropped or swapped in.</summary>
    public const string VectorStagingTable = ArticleSearchVectors.Table + "_rebuild";

    /// <summary>
    /// The table a rebuild that keeps the vectors writes what each record's vector is made from (id, text_sequence,
    /// entity_terms) to, compared with the live rows' own (<see cref="ArticleSearchVectors"/>), then dropped.
    /// </summary>
    public const string VectorKeysTable = ArticleSearchVectors.Table + "_keys";

    /// <summary>
    /// Above this share of differing vector rows the staged vector table is indexed in bulk and swapped in rather than the
    /// live one repaired row by row (each repaired row enters the GIN index one by one: slower per row than a bulk build).
    /// </summary>
    private const double RepairShare = 0.2;

    /// <summary>One rebuild of the article read model at a time in the database (any fixed number; only this takes it).</summary>
    private const long RebuildLock = 0x4D_4D_41_52_42;

    /// <summary>
    /// Events per unit of work handed to a folding task (whole streams, so a little more): small, because the rebuild
    /// runs inside the Api and every queued chunk holds its events' text and its records' JSON.
    /// </summary>
    private const int ChunkEvents = 500;

    /// <summary>How often (in events written) progress is reported.</summary>
    private const int ProgressEvery = 1_000;

    /// <summary>
    /// Rebuilds in this process's running daemon: stops the article shard, rebuilds up to the daemon's high-water mark,
    /// starts it again (it then projects the events appended meanwhile). The shard is held by one process at a time
    /// (HotCold; the Api and Alerting both run the projection): returns null, doing nothing, when this process does not
    /// hold it; otherwise the number of events folded.
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
            return await RunAsync(store, dataSource, progress, upToHighWaterMark: true, cancellationToken);
        }
        finally
        {
            // The coordinator may have started the shard again meanwhile (a stopped shard is a missing one to it): that
            // agent's position can be past the rebuild's ceiling, which the swap set as the progress. Stopped and started
            // here, the shard resumes from the stored progress and projects onto the new table what came after the ceiling.
            await daemon.StopAgentAsync(Shard);
            await daemon.StartAgentAsync(Shard, CancellationToken.None);
        }
    }

    /// <summary>Whether this process's daemon runs the article shard now.</summary>
    public static bool HoldsShard(IProjectionCoordinator coordinator)
    {
        ArgumentNullException.ThrowIfNull(coordinator);
        return coordinator.DaemonForMainDatabase().CurrentAgents().Any(a => a.Name.Identity == Shard);
    }

    /// <summary>
    /// Rebuilds from every event stored (no daemon running; a daemon's shard would resume from the last one). Returns the
    /// number of events folded; <paramref name="progress"/> gets (events done, events in total) every thousand events
    /// and at the end, on the task that writes the rows (a callback that blocks holds the rebuild, not the readers).
    /// </summary>
    public static Task<long> RunAsync(IDocumentStore store, NpgsqlDataSource dataSource, Action<long, long>? progress, CancellationToken cancellationToken) =>
        RunAsync(store, dataSource, progress, upToHighWaterMark: false, cancellationToken);

    private static async Task<long> RunAsync(
        IDocumentStore store, NpgsqlDataSource dataSource, Action<long, long>? progress, bool upToHighWaterMark, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(dataSource);
        var events = store.Options.Events.DatabaseSchemaName;
        var schema = store.Options.DatabaseSchemaName;
        var table = "mt_doc_" + ArticleReadModel.Alias;
        var staging = schema + "." + StagingTable;
        var vectorStaging = schema + "." + VectorStagingTable;
        var vectorKeys = schema + "." + VectorKeysTable;
        var liveVectors = schema + "." + ArticleSearchVectors.Table;
        var types = EventTypes.Keys.Concat(Upcasts.Keys).ToArray();

        await using var write = await dataSource.OpenConnectionAsync(cancellationToken);
        await StagingTableSwap.ExecuteAsync(write, null, "set maintenance_work_mem = '256MB'", cancellationToken);
        if (await StagingTableSwap.ScalarAsync(write, $"select pg_try_advisory_lock({RebuildLock})", cancellationToken) is not true)
        {
            throw new InvalidOperationException("another rebuild of the article read model is running in this database");
        }

        try
        {
            // Indexes as the live table has them now (as Marten created them), rebuilt under temporary names on the staging table.
            var indexes = await StagingTableSwap.IndexesAsync(write, schema, table, StagingTable, cancellationToken);
            var vectorIndexes = await StagingTableSwap.IndexesAsync(write, schema, ArticleSearchVectors.Table, VectorStagingTable, cancellationToken);
            await StagingTableSwap.CreateAsync(write, schema, table, staging, cancellationToken);
            // Kept when most live vectors were made by this tokenizer (the projection wrote them): the fold then makes no
            // text terms at all, and only the rows made from another fetch, tagging or version are made again.
            var keep = await ArticleSearchVectors.MadeByThisVersionAsync(write, liveVectors, cancellationToken) is var (current, rows)
                && current > 0 && current >= (1 - RepairShare) * rows;
            await StagingTableSwap.CreateAsync(write, schema, ArticleSearchVectors.Table, vectorStaging, cancellationToken);
            await StagingTableSwap.ExecuteAsync(write, null,
                $"drop table if exists {vectorKeys}; create unlogged table {vectorKeys} (id uuid not null, text_sequence bigint not null, entity_terms text not null)",
                cancellationToken);
            // lz4 compresses the toasted JSON and vectors at a fraction of pglz's CPU (the COPY's largest server-side cost
            // after parsing the JSON); the tables keep it after the swap. Only where the server was built with it.
            if (await StagingTableSwap.ScalarAsync(write, "select 'lz4' = any(enumvals) from pg_settings where name = 'default_toast_compression'", cancellationToken) is true)
            {
                await StagingTableSwap.ExecuteAsync(write, null,
                    $"alter table {staging} alter column data set compression lz4; alter table {vectorStaging} alter column search_vector set compression lz4", cancellationToken);
            }

            // Every event at or below the ceiling is in this snapshot: below the daemon's high-water mark nothing commits
            // late; standalone (no daemon, no appends) the last sequence stored.
            await using var read = await dataSource.OpenConnectionAsync(cancellationToken);
            await using var snapshot = await read.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);
            long ceiling, total;
            await using (var mark = new NpgsqlCommand(
                $"with c as (select {(upToHighWaterMark
                    ? $"least((select coalesce(max(seq_id), 0) from {events}.mt_events), coalesce((select last_seq_id from {events}.mt_event_progression where name = 'HighWaterMark'), 0))"
                    : $"(select coalesce(max(seq_id), 0) from {events}.mt_events)")} as ceiling) " +
                $"select c.ceiling, (select count(*) from {events}.mt_events where type = any(@types) and seq_id <= c.ceiling) from c", read, snapshot))
            {
                mark.CommandTimeout = 0;
                mark.Parameters.AddWithValue("types", types);
                await using var r = await mark.ExecuteReaderAsync(cancellationToken);
                await r.ReadAsync(cancellationToken);
                (ceiling, total) = (r.GetInt64(0), r.GetInt64(1));
            }

            var done = await CopyFoldedAsync(
                store, dataSource, read, snapshot, write, staging, keep ? vectorKeys : vectorStaging, keep, events, types, ceiling, total, progress, cancellationToken);
            await snapshot.CommitAsync(cancellationToken);
            List<StagingTableSwap.StagedTable> swapped = [new(table, StagingTable, indexes)];
            if (keep)
            {
                await RepairKeptAsync(write, store.Options.Serializer(), events, liveVectors, vectorKeys, cancellationToken);
                await StagingTableSwap.ExecuteAsync(write, null, $"drop table {vectorStaging}; drop table {vectorKeys}", cancellationToken);
            }
            else if (await ArticleSearchVectors.CompareAsync(write, liveVectors, vectorStaging, cancellationToken) is var (differing, staged) && differing > RepairShare * staged)
            {
                // Most vectors changed (a new tokenizer, or none written yet): the staged table, indexed in bulk, replaces the live one.
                await StagingTableSwap.BuildIndexesAsync(dataSource, vectorStaging, vectorIndexes, cancellationToken);
                await StagingTableSwap.ExecuteAsync(write, null, $"analyze {vectorStaging}", cancellationToken);
                swapped.Add(new(ArticleSearchVectors.Table, VectorStagingTable, vectorIndexes));
            }
            else
            {
                // The live vectors are kept: the few that differ are repaired (with the shard stopped nothing else writes them).
                await ArticleSearchVectors.RepairFromAsync(write, liveVectors, vectorStaging, cancellationToken);
                await StagingTableSwap.ExecuteAsync(write, null, $"drop table {vectorStaging}; drop table {vectorKeys}", cancellationToken);
            }

            await StagingTableSwap.BuildIndexesAsync(dataSource, staging, indexes, cancellationToken);
            // Fresh statistics before the table is read, or the planner misjudges its filters' selectivity.
            await StagingTableSwap.ExecuteAsync(write, null, $"analyze {staging}", cancellationToken);
            await StagingTableSwap.SwapAsync(write, events, schema, swapped, Shard, ceiling, cancellationToken);
            progress?.Invoke(done, total);
            return done;
        }
        finally
        {
            // After a failure only (the swap renamed them otherwise); a broken connection released the lock already.
            if (write.FullState == System.Data.ConnectionState.Open)
            {
                await StagingTableSwap.ExecuteAsync(write, null,
                    $"drop table if exists {staging}; drop table if exists {vectorStaging}; drop table if exists {vectorKeys}; select pg_advisory_unlock({RebuildLock})",
                    CancellationToken.None);
            }
        }
    }

    /// <summary>
    /// Reads the events in (stream, version) order on one task, folds chunks of whole streams on the thread pool (at most
    /// two per core queued), and writes the folded chunks with <see cref="Writers"/> COPY streams at once, each chunk's
    /// records in read order: the rows are those of the sequential fold, and memory holds only the queued chunks.
    /// </summary>
    private static async Task<long> CopyFoldedAsync(
        IDocumentStore store, NpgsqlDataSource dataSource, NpgsqlConnection read, NpgsqlTransaction snapshot, NpgsqlConnection write, string staging,
        string vectorStaging, bool keep, string events, string[] types, long ceiling, long total, Action<long, long>? progress, CancellationToken cancellationToken)
    {
        var serializer = store.Options.Serializer();
        var folding = Math.Max(2, Environment.ProcessorCount);
        var queue = Channel.CreateBounded<Task<FoldedRecord[]>>(new BoundedChannelOptions(2 * folding) { SingleReader = false, SingleWriter = true });
        // Each chunk, once its records are written, goes on to the vector stream.
        var vectors = Channel.CreateBounded<FoldedRecord[]>(new BoundedChannelOptions(2 * folding) { SingleReader = true, SingleWriter = false });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var terms = keep ? FoldedTerms.Entities : FoldedTerms.All;
        var reading = Task.Run(() => ReadAsync(read, snapshot, events, types, ceiling, serializer, terms, queue.Writer, stop.Token), CancellationToken.None);
        var copied = new CopyProgress(total, progress);
        var writing = new List<Task>();
        var vectorWriting = keep ? CopyVectorKeysAsync(dataSource, vectorStaging, vectors.Reader, stop) : CopyVectorsAsync(dataSource, vectorStaging, vectors.Reader, stop);
        try
        {
            writing.Add(CopyAsync(write, dataSource, staging, queue.Reader, vectors.Writer, copied, stop));
            for (var i = 1; i < Writers; i++)
            {
                writing.Add(CopyAsync(null, dataSource, staging, queue.Reader, vectors.Writer, copied, stop));
            }

            await Task.WhenAll(writing);
            vectors.Writer.Complete();
            await vectorWriting;
            await reading;
        }
        catch (Exception first)
        {
            await stop.CancelAsync();
            vectors.Writer.TryComplete();
            Task[] all = [.. writing, vectorWriting, reading];
            try
            {
                await Task.WhenAll(all);
            }
            catch (Exception) when (stop.IsCancellationRequested)
            {
                // Every task has ended; the failure that started it is thrown below.
            }

            // The failure that stopped the others, not one of their cancellations by it.
            var cause = all.Where(t => t.IsFaulted).SelectMany(t => t.Exception!.InnerExceptions).FirstOrDefault(e => e is not OperationCanceledException);
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(cause ?? first);
            throw;
        }

        return copied.Done;
    }

    /// <summary>
    /// COPY streams writing the staging table at once, each on its own connection: the server's side of a COPY (parsing
    /// the records' JSON, compressing them, writing heap, TOAST and WAL) runs on one backend per stream, so they split it
    /// (about 9 CPU s per 100,000 articles on one backend, measured with psql) and it overlaps the fold's work.
    /// </summary>
    private const int Writers = 2;

    /// <summary>
    /// One COPY stream: takes folded chunks off the queue (shared with the other streams) until it is complete and writes
    /// their records. On <paramref name="connection"/>, or on one of its own when null. A failure stops the others.
    /// </summary>
    private static async Task CopyAsync(
        NpgsqlConnection? connection, NpgsqlDataSource dataSource, string staging, ChannelReader<Task<FoldedRecord[]>> queue,
        ChannelWriter<FoldedRecord[]> vectors, CopyProgress copied, CancellationTokenSource stop)
    {
        try
        {
            await using var own = connection is null ? await dataSource.OpenConnectionAsync(stop.Token) : null;
            await using var copy = await (connection ?? own!).BeginBinaryImportAsync(
                $"copy {staging} (id, data, mt_version, mt_dotnet_type, at, fetched_at, source_id, story_id, first_event_at, last_event_at, {ArticleCoverageRow.Column}) from stdin (format binary)",
                stop.Token);
            // Zero: no timeout. The default (the command timeout, 30 s) ends a COPY whose completion takes longer.
            copy.Timeout = TimeSpan.Zero;
            await foreach (var folded in queue.ReadAllAsync(stop.Token))
            {
                var written = 0;
                var rows = await folded;
                foreach (var row in rows)
                {
                    await WriteAsync(copy, row, stop.Token);
                    written += row.Events;
                }

                await vectors.WriteAsync(rows, stop.Token);
                copied.Add(written);
            }

            await copy.CompleteAsync(stop.Token);
        }
        catch
        {
            await stop.CancelAsync();
            throw;
        }
    }

    /// <summary>The COPY stream of the search vectors (records without search tokens have none), on a connection of its own.</summary>
    private static Task CopyVectorsAsync(NpgsqlDataSource dataSource, string vectorStaging, ChannelReader<FoldedRecord[]> vectors, CancellationTokenSource stop) =>
        CopyEachAsync(dataSource, $"copy {vectorStaging} ({ArticleSearchVectors.Columns}) from stdin (format binary)", vectors, stop, async (copy, row, token) =>
        {
            if (row.SearchVector is not { } vector)
            {
                return;
            }

            await copy.StartRowAsync(token);
            await copy.WriteAsync(row.Record.Id, NpgsqlDbType.Uuid, token);
            // Raw bytes: a binary COPY field carries no type, the column's receive function (tsvectorrecv) reads them.
            await copy.WriteAsync(vector.Vector, NpgsqlDbType.Bytea, token);
            await copy.WriteAsync(vector.EntityOnly, NpgsqlDbType.Bytea, token);
            await copy.WriteAsync(row.Record.TextSequence, NpgsqlDbType.Bigint, token);
            await copy.WriteAsync(row.Record.EntityTerms, NpgsqlDbType.Text, token);
            await copy.WriteAsync(Text.Querying.SearchTokens.Version, NpgsqlDbType.Integer, token);
        });

    /// <summary>
    /// The COPY stream of what each record's vector is made from, for a rebuild that keeps the vectors: a row for every
    /// record that may have one (fetched, or with entity terms), its fetch's sequence and its entity terms.
    /// </summary>
    private static Task CopyVectorKeysAsync(NpgsqlDataSource dataSource, string vectorKeys, ChannelReader<FoldedRecord[]> vectors, CancellationTokenSource stop) =>
        CopyEachAsync(dataSource, $"copy {vectorKeys} (id, text_sequence, entity_terms) from stdin (format binary)", vectors, stop, async (copy, row, token) =>
        {
            var record = row.Record;
            if (record.TextSequence <= 0 && record.EntityTerms.Length == 0)
            {
                return;
            }

            await copy.StartRowAsync(token);
            await copy.WriteAsync(record.Id, NpgsqlDbType.Uuid, token);
            await copy.WriteAsync(record.TextSequence, NpgsqlDbType.Bigint, token);
            await copy.WriteAsync(record.EntityTerms, NpgsqlDbType.Text, token);
        });

    /// <summary>
    /// A binary COPY on a connection of its own that writes each folded record through <paramref name="writeRow"/> (which
    /// may write no row for it) until the queue is complete. A failure stops the other streams.
    /// </summary>
    private static async Task CopyEachAsync(
        NpgsqlDataSource dataSource, string copyCommand, ChannelReader<FoldedRecord[]> folded, CancellationTokenSource stop,
        Func<NpgsqlBinaryImporter, FoldedRecord, CancellationToken, Task> writeRow)
    {
        try
        {
            await using var connection = await dataSource.OpenConnectionAsync(stop.Token);
            await using var copy = await connection.BeginBinaryImportAsync(copyCommand, stop.Token);
            // Zero: no timeout (see CopyAsync).
            copy.Timeout = TimeSpan.Zero;
            await foreach (var rows in folded.ReadAllAsync(stop.Token))
            {
                foreach (var row in rows)
                {
                    await writeRow(copy, row, stop.Token);
                }
            }

            await copy.CompleteAsync(stop.Token);
        }
        catch
        {
            await stop.CancelAsync();
            throw;
        }
    }

    /// <summary>
    /// Makes the kept vector table right for the records just folded, by what each row was made from: deletes the rows of
    /// records that have none, and makes again (from the fetch's event, read by its sequence, and the entity terms) the
    /// rows that are missing or were made from another fetch, tagging or tokenizer version, <see cref="RepairBatch"/> at a
    /// time, each batch in its own transaction. A vector changed by other means than these is not seen (nothing writes
    /// one but the projection and this); <c>update mt_article_search_vector set tokens = null</c> has the next rebuild
    /// make every one again. Returns the rows changed.
    /// </summary>
    private static async Task<long> RepairKeptAsync(
        NpgsqlConnection connection, ISerializer serializer, string events, string liveVectors, string vectorKeys, CancellationToken cancellationToken)
    {
        long changed;
        await using (var delete = new NpgsqlCommand(
            $"delete from {liveVectors} v where not exists (select 1 from {vectorKeys} k where k.id = v.id)", connection) { CommandTimeout = 0 })
        {
            changed = await delete.ExecuteNonQueryAsync(cancellationToken);
        }

        var stale = new List<(Guid Id, long Sequence, string EntityTerms)>();
        await using (var differing = new NpgsqlCommand(
            $"select k.id, k.text_sequence, k.entity_terms from {vectorKeys} k left join {liveVectors} v on v.id = k.id " +
            "where v.id is null or v.text_sequence is distinct from k.text_sequence or v.entity_terms is distinct from k.entity_terms " +
            $"or v.tokens is distinct from {Text.Querying.SearchTokens.Version}", connection) { CommandTimeout = 0 })
        {
            await using var reader = await differing.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                stale.Add((reader.GetGuid(0), reader.GetInt64(1), reader.GetString(2)));
            }
        }

        foreach (var batch in stale.Chunk(RepairBatch))
        {
            var texts = new Dictionary<long, string>();
            await using (var fetches = new NpgsqlCommand(
                $"select seq_id, stream_id, version, timestamp, type, data::text from {events}.mt_events where seq_id = any(@sequences)", connection) { CommandTimeout = 0 })
            {
                fetches.Parameters.AddWithValue("sequences", batch.Where(b => b.Sequence > 0).Select(b => b.Sequence).ToArray());
                await using var reader = await fetches.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    var stored = new StoredEvent(
                        reader.GetGuid(1), reader.GetInt64(0), reader.GetInt64(2), reader.GetFieldValue<DateTimeOffset>(3), reader.GetString(4), reader.GetString(5));
                    if (Deserialize(stored, serializer) is Contracts.Crawler.ArticleFetched fetch)
                    {
                        texts[stored.Sequence] = ArticleRecord.TextTermsOf(fetch);
                    }
                }
            }

            changed += await ArticleSearchVectors.WriteAllAsync(
                connection, liveVectors, [.. batch.Select(b => (b.Id, b.Sequence > 0 ? texts[b.Sequence] : "", b.EntityTerms, b.Sequence))], cancellationToken);
        }

        return changed;
    }

    /// <summary>Rows made again per statement by <see cref="RepairKeptAsync"/>.</summary>
    private const int RepairBatch = 1_000;

    /// <summary>Events written by all COPY streams, reported every <see cref="ProgressEvery"/> events (one report at a time).</summary>
    private sealed class CopyProgress(long total, Action<long, long>? progress)
    {
        private readonly Lock _gate = new();
        private long _done;
        private long _reported;

        public long Done
        {
            get
            {
                lock (_gate)
                {
                    return _done;
                }
            }
        }

        public void Add(long events)
        {
            lock (_gate)
            {
                _done += events;
                if (_done - _reported >= ProgressEvery)
                {
                    progress?.Invoke(_done, total);
                    _reported = _done;
                }
            }
        }
    }

    private static async Task ReadAsync(
        NpgsqlConnection read, NpgsqlTransaction snapshot, string events, string[] types, long ceiling, ISerializer serializer, FoldedTerms terms,
        ChannelWriter<Task<FoldedRecord[]>> queue, CancellationToken cancellationToken)
    {
        try
        {
            // A fold that makes no text terms reads a fetch without its text when the fetch names its language (the text is
            // then read for nothing else): the server sends a few hundred bytes instead of the article, and the JSON
            // parsed here is that much shorter.
            var data = terms == FoldedTerms.All
                ? "data::text"
                : $"case when type = '{EventSchema.StoredEventNames.Of<Contracts.Crawler.ArticleFetched>()}' and data ->> 'Language' is not null " +
                  "then jsonb_set(data, '{Text}', '\"\"')::text else data::text end";
            await using var scan = new NpgsqlCommand(
                $"select stream_id, seq_id, version, timestamp, type, {data} from {events}.mt_events where type = any(@types) and seq_id <= @ceiling order by stream_id, version",
                read, snapshot);
            scan.CommandTimeout = 0;
            scan.Parameters.AddWithValue("types", types);
            scan.Parameters.AddWithValue("ceiling", ceiling);
            await using var reader = await scan.ExecuteReaderAsync(System.Data.CommandBehavior.SequentialAccess, cancellationToken);
            var chunk = new List<StoredEvent>(ChunkEvents + 16);
            while (await reader.ReadAsync(cancellationToken))
            {
                var stored = new StoredEvent(
                    reader.GetGuid(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetFieldValue<DateTimeOffset>(3), reader.GetString(4), reader.GetString(5));
                // A chunk ends between streams only, so every stream is folded whole by one task.
                if (chunk.Count >= ChunkEvents && chunk[^1].StreamId != stored.StreamId)
                {
                    var full = chunk;
                    await queue.WriteAsync(Task.Run(() => Fold(full, serializer, terms), cancellationToken), cancellationToken);
                    chunk = new List<StoredEvent>(ChunkEvents + 16);
                }

                chunk.Add(stored);
            }

            if (chunk.Count > 0)
            {
                await queue.WriteAsync(Task.Run(() => Fold(chunk, serializer, terms), cancellationToken), cancellationToken);
            }

            queue.Complete();
        }
        catch (Exception e)
        {
            queue.TryComplete(e);
            throw;
        }
    }

    /// <summary>Folds a chunk of whole streams (events in stream order) into their records, serialised as Marten stores them.</summary>
    private static FoldedRecord[] Fold(List<StoredEvent> chunk, ISerializer serializer, FoldedTerms terms)
    {
        var records = new List<FoldedRecord>();
        ArticleRecord? current = null;
        long version = 0;
        var events = 0;
        foreach (var e in chunk)
        {
            if (current is not null && current.Id != e.StreamId)
            {
                records.Add(Folded(current, serializer, version, events));
                (current, events) = (null, 0);
            }

            current = ArticleRecord.Step(current, e.StreamId, Deserialize(e, serializer), e.Sequence, e.Timestamp, terms);
            version = e.Version;
            events++;
        }

        if (current is not null)
        {
            records.Add(Folded(current, serializer, version, events));
        }

        return [.. records];
    }

    private static FoldedRecord Folded(ArticleRecord record, ISerializer serializer, long version, int events) =>
        new(record, serializer.ToJson(record), record.TextTerms is null || (record.TextTerms.Length == 0 && record.EntityTerms.Length == 0) ? null : SearchVectorBinary.Of(record),
            record.CoverageRow, version, events);

    private static object Deserialize(StoredEvent e, ISerializer serializer)
    {
        if (Upcasts.TryGetValue(e.Type, out var upcast))
        {
            using var stored = System.Text.Json.JsonDocument.Parse(e.Data);
            return upcast.Upcast(stored.RootElement);
        }

        using var json = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(e.Data));
        return serializer.FromJson(EventTypes[e.Type], json);
    }

    private static async Task WriteAsync(NpgsqlBinaryImporter copy, FoldedRecord row, CancellationToken cancellationToken)
    {
        var record = row.Record;
        await copy.StartRowAsync(cancellationToken);
        await copy.WriteAsync(record.Id, NpgsqlDbType.Uuid, cancellationToken);
        await copy.WriteAsync(row.Json, NpgsqlDbType.Jsonb, cancellationToken);
        await copy.WriteAsync(row.Version, NpgsqlDbType.Bigint, cancellationToken);
        await copy.WriteAsync(typeof(ArticleRecord).FullName!, NpgsqlDbType.Varchar, cancellationToken);
        await WriteNullableAsync(copy, record.At, cancellationToken);
        await WriteNullableAsync(copy, record.FetchedAt, cancellationToken);
        await WriteNullableAsync(copy, record.SourceId, cancellationToken);
        await WriteNullableAsync(copy, record.StoryId, cancellationToken);
        await copy.WriteAsync(record.FirstEventAt.ToUniversalTime(), NpgsqlDbType.TimestampTz, cancellationToken);
        await copy.WriteAsync(record.LastEventAt.ToUniversalTime(), NpgsqlDbType.TimestampTz, cancellationToken);
        await copy.WriteAsync(row.CoverageRow, NpgsqlDbType.Text, cancellationToken);
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

    private sealed record StoredEvent(Guid StreamId, long Sequence, long Version, DateTimeOffset Timestamp, string Type, string Data);

    /// <summary>
    /// One article's record, its JSON, search vector and entity-only lexemes (null without search tokens) and coverage row, its stream version (the
    /// document's revision) and the events folded into it.
    /// </summary>
    private sealed record FoldedRecord(ArticleRecord Record, string Json, (byte[] Vector, byte[] EntityOnly)? SearchVector, string CoverageRow, long Version, int Events);

}
