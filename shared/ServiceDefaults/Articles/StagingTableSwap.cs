using System.Text.RegularExpressions;
using Npgsql;

namespace MediaMonitor.ServiceDefaults.Articles;

/// <summary>
/// A table rebuilt beside the live one and swapped in: the live table's indexes read as PostgreSQL defines them, built
/// in bulk on the staging table under temporary names, and the swap (drop the old table, rename the new one and its
/// indexes to the names Marten gave them, set the projection's progress) in one short transaction. Every command runs
/// without Npgsql's 30 s timeout.
/// </summary>
internal static partial class StagingTableSwap
{
    /// <summary>How long the swap waits for readers of the old table before it lets them go on and tries again.</summary>
    private static readonly TimeSpan SwapLockWait = TimeSpan.FromSeconds(5);

    private const int SwapAttempts = 20;

    /// <summary>
    /// Drops a staging table left behind and creates it like the live table without its indexes, and with autovacuum off
    /// for it and its TOAST table until <see cref="SwapAsync"/> turns it back on: otherwise autovacuum's insert-driven
    /// VACUUM of the freshly written TOAST table (7.5 GB at 1,000,000 articles) starts, throttled, during the index
    /// builds, where <see cref="BuildIndexesAsync"/> VACUUMs it at full speed instead.
    /// </summary>
    public static Task CreateAsync(NpgsqlConnection connection, string schema, string table, string staging, CancellationToken cancellationToken) =>
        ExecuteAsync(connection, null,
            $"drop table if exists {staging}; create table {staging} (like {schema}.{table} including all excluding indexes) " +
            "with (autovacuum_enabled = false, toast.autovacuum_enabled = false)", cancellationToken);

    /// <summary>The live table's indexes: name, whether it backs the primary key, and its definition.</summary>
    public static async Task<List<TableIndex>> IndexesAsync(NpgsqlConnection connection, string schema, string table, string staging, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "select i.relname, coalesce(c.contype = 'p', false), pg_get_indexdef(x.indexrelid) from pg_index x " +
            "join pg_class i on i.oid = x.indexrelid left join pg_constraint c on c.conindid = x.indexrelid and c.conrelid = x.indrelid " +
            "where x.indrelid = (quote_ident(@schema) || '.' || quote_ident(@table))::regclass order by i.relname", connection);
        command.Parameters.AddWithValue("schema", schema);
        command.Parameters.AddWithValue("table", table);
        var indexes = new List<TableIndex>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var definition = IndexDefinition().Match(reader.GetString(2));
            if (!definition.Success)
            {
                throw new InvalidOperationException($"unexpected index definition on {table}: {reader.GetString(2)}");
            }

            indexes.Add(new TableIndex(reader.GetString(0), $"{staging}_{indexes.Count}", reader.GetBoolean(1),
                definition.Groups["unique"].Value, definition.Groups["rest"].Value));
        }

        return indexes;
    }

    /// <summary>
    /// Builds the indexes on the staging table, two at a time (each on its own connection; the full-text GIN index, by
    /// far the longest, first), and beside them VACUUMs its TOAST table, then makes the primary key's unique index the
    /// primary key again.
    /// </summary>
    public static async Task BuildIndexesAsync(NpgsqlDataSource dataSource, string staging, List<TableIndex> indexes, CancellationToken cancellationToken)
    {
        var longestFirst = indexes.OrderByDescending(i => i.Rest.Contains("USING gin", StringComparison.OrdinalIgnoreCase)).ToList();
        var building = Parallel.ForEachAsync(longestFirst, new ParallelOptions { MaxDegreeOfParallelism = 2, CancellationToken = cancellationToken }, async (index, ct) =>
        {
            await using var connection = await dataSource.OpenConnectionAsync(ct);
            await ExecuteAsync(connection, null, "set maintenance_work_mem = '256MB'", ct);
            await ExecuteAsync(connection, null, $"create {index.Unique}index {index.StagingName} on {staging} {index.Rest}", ct);
        });
        await Task.WhenAll(building, VacuumToastAsync(dataSource, staging, cancellationToken));

        await using var keys = await dataSource.OpenConnectionAsync(cancellationToken);
        foreach (var key in indexes.Where(i => i.PrimaryKey))
        {
            await ExecuteAsync(keys, null, $"alter table {staging} add constraint {key.StagingName} primary key using index {key.StagingName}", cancellationToken);
        }
    }

    /// <summary>
    /// The first VACUUM of the freshly written TOAST table (hint bits and the visibility map of every page; at 1,000,000
    /// articles 7.5 GB, the JSON and the search vectors), unthrottled, while the index builds run: the GIN build is one
    /// backend on one core, so this takes the other. Its lock is the TOAST table's own, which the index builds (they
    /// lock the table) do not wait for. Otherwise autovacuum does it, throttled, beside the GIN or after the swap.
    /// </summary>
    private static async Task VacuumToastAsync(NpgsqlDataSource dataSource, string staging, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        if (await ScalarAsync(connection, $"select reltoastrelid::regclass::text from pg_class where oid = '{staging}'::regclass and reltoastrelid <> 0", cancellationToken)
            is string toast)
        {
            await ExecuteAsync(connection, null, $"vacuum {toast}", cancellationToken);
        }
    }

    /// <summary>
    /// For each table: drops the old table and renames the staging table and its indexes (and so the primary key
    /// constraint) to the names Marten gave them, turns autovacuum on again for it; all of them with the projection's
    /// progress in one transaction. It waits at most a few seconds for readers of the old tables (new readers queue behind
    /// the swap meanwhile), then lets them go on and tries again.
    /// </summary>
    public static async Task SwapAsync(
        NpgsqlConnection connection, string events, string schema, IReadOnlyList<StagedTable> tables, string shard, long ceiling, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tables);
        for (var attempt = 1; ; attempt++)
        {
            await using var swap = await connection.BeginTransactionAsync(cancellationToken);
            try
            {
                await ExecuteAsync(connection, swap, $"set local lock_timeout = '{(int)SwapLockWait.TotalMilliseconds}ms'", cancellationToken);
                await ExecuteAsync(connection, swap,
                    $"lock table {string.Join(", ", tables.Select(t => schema + "." + t.Table))} in access exclusive mode", cancellationToken);
                await ExecuteAsync(connection, swap, string.Concat(tables.Select(t =>
                    $"drop table {schema}.{t.Table}; alter table {schema}.{t.Staging} rename to {t.Table}; " +
                    $"alter table {schema}.{t.Table} reset (autovacuum_enabled, toast.autovacuum_enabled); " +
                    string.Concat(t.Indexes.Select(i => $"alter index {schema}.{i.StagingName} rename to {i.Name}; ")))),
                    cancellationToken);
                await using (var mark = new NpgsqlCommand(
                    $"insert into {events}.mt_event_progression (name, last_seq_id, last_updated) values (@name, @ceiling, now()) " +
                    "on conflict (name) do update set last_seq_id = excluded.last_seq_id, last_updated = now()", connection, swap))
                {
                    mark.Parameters.AddWithValue("name", shard);
                    mark.Parameters.AddWithValue("ceiling", ceiling);
                    await mark.ExecuteNonQueryAsync(cancellationToken);
                }

                await swap.CommitAsync(cancellationToken);
                return;
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.LockNotAvailable && attempt < SwapAttempts)
            {
                await swap.RollbackAsync(CancellationToken.None);
                await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt), cancellationToken);
            }
        }
    }

    public static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public static async Task<object?> ScalarAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        return await command.ExecuteScalarAsync(cancellationToken);
    }

    /// <summary>pg_get_indexdef's form: CREATE [UNIQUE] INDEX name ON [ONLY] schema.table USING ...</summary>
    [GeneratedRegex(@"^CREATE (?<unique>UNIQUE )?INDEX \S+ ON (ONLY )?\S+ (?<rest>USING .*)$", RegexOptions.Singleline)]
    private static partial Regex IndexDefinition();

    /// <summary>A live table (unqualified), its staging table (unqualified) and the live table's indexes.</summary>
    public sealed record StagedTable(string Table, string Staging, List<TableIndex> Indexes);

    /// <summary>An index of the live table: Marten's name, the name it has on the staging table, and its definition after the table name.</summary>
    public sealed record TableIndex(string Name, string StagingName, bool PrimaryKey, string Unique, string Rest);
}
