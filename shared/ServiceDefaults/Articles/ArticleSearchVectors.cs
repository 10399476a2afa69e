using Marten;
using Npgsql;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace MediaMonitor.ServiceDefaults.Articles;

/// <summary>
/// The article read model's full-text search vectors in a table of their own, one row per article whose
/// <see cref="ArticleRecord.SearchVector"/> is not empty, GIN-indexed. Apart from the record's row, because a record row is
/// rewritten by every event of its stream (dedup verdict and story, discovery by another source) and a rewritten row
/// enters every index again, the GIN with all of an article's lexemes too: here a vector row changes only when its
/// vector does (a later fetch or tagging). Written by the projection in the transaction that upserts the record
/// (<see cref="ArticleRecordProjection"/>), so it is never behind its record; kept by a rebuild when unchanged
/// (<see cref="ArticleRebuild"/>).
/// </summary>
public static class ArticleSearchVectors
{
    /// <summary>The table, in the documents' schema.</summary>
    public const string Table = "mt_article_search_vector";

    /// <summary>The GIN index's name.</summary>
    public const string Index = Table + "_gin";

    /// <summary>Maps the table with its primary key and GIN index (Marten creates and migrates it with the rest of the schema).</summary>
    public static void Register(StoreOptions opts)
    {
        ArgumentNullException.ThrowIfNull(opts);
        var table = new Table(new PostgresqlObjectName(opts.DatabaseSchemaName, Table, SchemaUtils.IdentifierUsage.General));
        table.AddColumn<Guid>("id").AsPrimaryKey();
        table.AddColumn("search_vector", "tsvector").NotNull();
        table.PrimaryKeyName = "pk_" + Table;
        table.Indexes.Add(new IndexDefinition(Index) { Columns = ["search_vector"], Method = IndexMethod.gin });
        opts.Storage.ExtendedSchemaObjects.Add(table);
    }

    /// <summary>
    /// Writes a record's vector in the operations' unit of work (the projection's batch): an upsert that leaves an equal row
    /// alone (no new row version, no GIN entries), or a delete when the record has no search tokens.
    /// </summary>
    public static void Write(IDocumentOperations operations, ArticleRecord record)
    {
        ArgumentNullException.ThrowIfNull(operations);
        ArgumentNullException.ThrowIfNull(record);
        operations.QueueOperation(new VectorWrite(operations.DocumentStore.Options.DatabaseSchemaName + "." + Table, record.Id, record.SearchVector));
    }

    /// <summary>
    /// The write as a SELECT over a data-modifying CTE, with a result set of its own that Marten steps over. Not a plain
    /// INSERT (QueueSqlCommand): Marten checks the daemon's progression update, the first statement of the batch, by the
    /// reader's RecordsAffected, which Npgsql sums over every row-count statement before the first result set; a plain
    /// INSERT there added its row, so a progression that another process had moved passed as updated and the batch
    /// committed without it (ProjectionRecoveryTests' stopped shard never came back).
    /// </summary>
    private sealed class VectorWrite(string table, Guid id, string vector) : Weasel.Storage.IStorageOperation
    {
        public Type DocumentType => typeof(ArticleRecord);

        public void ConfigureCommand(Weasel.Core.ICommandBuilder builder, Weasel.Storage.IStorageSession session)
        {
            if (vector.Length == 0)
            {
                builder.Append($"with w as (delete from {table} where id = ");
                builder.AppendParameter(id);
                builder.Append(" returning 1) select count(*) from w");
                return;
            }

            // The text form, read by tsvector's input function: the lexemes as they are, no parser (the rebuild writes the
            // same vector in binary, SearchVectorBinary).
            builder.Append($"with w as (insert into {table} (id, search_vector) values (");
            builder.AppendParameter(id);
            builder.Append(", ");
            builder.AppendParameter(vector);
            builder.Append($"::tsvector) on conflict (id) do update set search_vector = excluded.search_vector where {table}.search_vector <> excluded.search_vector returning 1) select count(*) from w");
        }

        public Task PostprocessAsync(System.Data.Common.DbDataReader reader, IList<Exception> exceptions, CancellationToken token) => Task.CompletedTask;

        public Weasel.Core.OperationRole Role() => Weasel.Core.OperationRole.Other;
    }

    /// <summary>Whether one of these events changes a record's vector: a fetch or a tagging (either may be older than the one the record holds; the upsert then leaves the row alone).</summary>
    public static bool MayChange(object data) => data is Contracts.Crawler.ArticleFetched or Contracts.EntityTagging.EntitiesTagged;

    /// <summary>The qualified table name of a store.</summary>
    public static string Qualified(IDocumentStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        return store.Options.DatabaseSchemaName + "." + Table;
    }

    /// <summary>
    /// Makes the live table hold exactly the staged rows (id, search_vector), changing only the rows that differ: deletes
    /// those without a staged row, updates those whose vector differs, inserts the missing ones. Each statement in its own
    /// transaction (readers see each row either old or new). Returns the rows changed.
    /// </summary>
    internal static async Task<long> RepairFromAsync(NpgsqlConnection connection, string table, string staging, CancellationToken cancellationToken)
    {
        long changed = 0;
        foreach (var sql in new[]
        {
            $"delete from {table} v where not exists (select 1 from {staging} s where s.id = v.id)",
            $"update {table} v set search_vector = s.search_vector from {staging} s where s.id = v.id and v.search_vector <> s.search_vector",
            $"insert into {table} (id, search_vector) select s.id, s.search_vector from {staging} s where not exists (select 1 from {table} v where v.id = s.id)",
        })
        {
            await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
            changed += await command.ExecuteNonQueryAsync(cancellationToken);
        }

        return changed;
    }

    /// <summary>How many rows of the live table differ from the staged ones (missing, extra or another vector).</summary>
    internal static async Task<(long Differing, long Staged)> CompareAsync(NpgsqlConnection connection, string table, string staging, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            $"select (select count(*) from {staging} s full join {table} v on v.id = s.id where v.id is null or s.id is null or v.search_vector <> s.search_vector), " +
            $"(select count(*) from {staging})", connection) { CommandTimeout = 0 };
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.GetInt64(0), reader.GetInt64(1));
    }
}
