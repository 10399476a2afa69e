using Marten;
using MediaMonitor.Text.Querying;
using Npgsql;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace MediaMonitor.ServiceDefaults.Articles;

/// <summary>
/// The article read model's full-text search vectors in a table of their own, one row per article whose
/// <see cref="ArticleRecord.SearchVector"/> is not empty, GIN-indexed. Apart from the record's row, because a record row is
/// rewritten by every event of its stream (dedup verdict and story, discovery by another source) and a rewritten row
/// enters every index again, the GIN with all of an article's lexemes too: here a vector row changes only when its
/// vector does (a later fetch or tagging). The text's tokens are kept here only, not in the record's JSON: beside the
/// vector, the lexemes only the entities gave (<c>entity_only</c>, so a tagging replaces the entities' part and keeps the
/// text's), and what the vector was made from (<c>text_sequence</c>, the fetch; <c>entity_terms</c>, the tagging's tokens;
/// <c>tokens</c>, <see cref="SearchTokens.Version"/>), so a rebuild keeps a row made from the same without tokenizing.
/// Written by the projection in the transaction that upserts the record (<see cref="ArticleRecordProjection"/>), so it is
/// never behind its record; kept by a rebuild when unchanged (<see cref="ArticleRebuild"/>).
/// </summary>
public static class ArticleSearchVectors
{
    /// <summary>The table, in the documents' schema.</summary>
    public const string Table = "mt_article_search_vector";

    /// <summary>The GIN index's name.</summary>
    public const string Index = Table + "_gin";

    /// <summary>The columns every writer writes, in this order (the rebuild's COPY too).</summary>
    public const string Columns = "id, search_vector, entity_only, text_sequence, entity_terms, tokens";

    /// <summary>Maps the table with its primary key and GIN index (Marten creates and migrates it with the rest of the schema).</summary>
    public static void Register(StoreOptions opts)
    {
        ArgumentNullException.ThrowIfNull(opts);
        var table = new Table(new PostgresqlObjectName(opts.DatabaseSchemaName, Table, SchemaUtils.IdentifierUsage.General));
        table.AddColumn<Guid>("id").AsPrimaryKey();
        table.AddColumn("search_vector", "tsvector").NotNull();
        // Null in the rows of a database from before these columns until the schema migrator fills them (SearchVectorFill).
        table.AddColumn("entity_only", "tsvector");
        table.AddColumn("text_sequence", "bigint");
        table.AddColumn("entity_terms", "text");
        table.AddColumn("tokens", "integer");
        table.PrimaryKeyName = "pk_" + Table;
        table.Indexes.Add(new IndexDefinition(Index) { Columns = ["search_vector"], Method = IndexMethod.gin });
        opts.Storage.ExtendedSchemaObjects.Add(table);
    }

    /// <summary>
    /// Writes a record's vector in the operations' unit of work (the projection's batch): an upsert that leaves an equal row
    /// alone (no new row version, no GIN entries), or a delete when the record has no search tokens. A record whose text
    /// terms are not known (read back from its table, its latest fetch not folded now) keeps the text's part of its row.
    /// </summary>
    public static void Write(IDocumentOperations operations, ArticleRecord record)
    {
        ArgumentNullException.ThrowIfNull(operations);
        ArgumentNullException.ThrowIfNull(record);
        operations.QueueOperation(new VectorWrite(operations.DocumentStore.Options.DatabaseSchemaName + "." + Table, record));
    }

    /// <summary>
    /// The write as a SELECT over data-modifying CTEs, with a result set of its own that Marten steps over. Not a plain
    /// INSERT (QueueSqlCommand): Marten checks the daemon's progression update, the first statement of the batch, by the
    /// reader's RecordsAffected, which Npgsql sums over every row-count statement before the first result set; a plain
    /// INSERT there added its row, so a progression that another process had moved passed as updated and the batch
    /// committed without it (ProjectionRecoveryTests' stopped shard never came back).
    /// </summary>
    private sealed class VectorWrite(string table, ArticleRecord record) : Weasel.Storage.IStorageOperation
    {
        public Type DocumentType => typeof(ArticleRecord);

        public void ConfigureCommand(Weasel.Core.ICommandBuilder builder, Weasel.Storage.IStorageSession session)
        {
            // The text form, read by tsvector's input function: the lexemes as they are, no parser (the rebuild writes the
            // same vectors in binary, SearchVectorBinary). "n" is the new row: (v, eo, seq, tok).
            if (record.TextTerms is { } text)
            {
                builder.Append("with n as (select (");
                builder.AppendParameter(text);
                builder.Append(" || ' ' || ");
                builder.AppendParameter(record.EntityTerms);
                builder.Append(")::tsvector as v, ts_delete(");
                builder.AppendParameter(record.EntityTerms);
                builder.Append("::tsvector, tsvector_to_array(");
                builder.AppendParameter(text);
                builder.Append("::tsvector)) as eo, ");
                builder.AppendParameter(record.TextSequence);
                builder.Append($"::bigint as seq, {SearchTokens.Version} as tok)");
            }
            else
            {
                // The text's part is the row's vector without the entities' own lexemes; a row from before entity_only was
                // filled keeps all of its lexemes (a superset: the matcher decides) and an unknown version.
                builder.Append($"with o as (select search_vector, entity_only, text_sequence, tokens from {table} where id = ");
                builder.AppendParameter(record.Id);
                builder.Append("), t as (select coalesce((select ts_delete(search_vector, tsvector_to_array(coalesce(entity_only, ''::tsvector))) from o), ''::tsvector) as text_part, " +
                    "coalesce((select text_sequence from o), 0) as seq, " +
                    $"case when not exists (select 1 from o) then {SearchTokens.Version} else (select case when entity_only is null then null else tokens end from o) end as tok), " +
                    "n as (select text_part || ");
                builder.AppendParameter(record.EntityTerms);
                builder.Append("::tsvector as v, ts_delete(");
                builder.AppendParameter(record.EntityTerms);
                builder.Append("::tsvector, tsvector_to_array(text_part)) as eo, seq, tok from t)");
            }

            builder.Append($", d as (delete from {table} where id = ");
            builder.AppendParameter(record.Id);
            builder.Append($" and (select v from n) = ''::tsvector returning 1), w as (insert into {table} ({Columns}) select ");
            builder.AppendParameter(record.Id);
            builder.Append(", v, eo, seq, ");
            builder.AppendParameter(record.EntityTerms);
            builder.Append($", tok from n where v <> ''::tsvector on conflict (id) do update set {Updates} where {Differs(table, "excluded")} returning 1) " +
                "select (select count(*) from d) + (select count(*) from w)");
        }

        public Task PostprocessAsync(System.Data.Common.DbDataReader reader, IList<Exception> exceptions, CancellationToken token) => Task.CompletedTask;

        public Weasel.Core.OperationRole Role() => Weasel.Core.OperationRole.Other;
    }

    /// <summary>An upsert's SET list: every column but the id from "excluded".</summary>
    private const string Updates =
        "search_vector = excluded.search_vector, entity_only = excluded.entity_only, text_sequence = excluded.text_sequence, " +
        "entity_terms = excluded.entity_terms, tokens = excluded.tokens";

    /// <summary>Whether two rows (table aliases) differ in any column but the id.</summary>
    private static string Differs(string a, string b) =>
        $"({a}.search_vector, {a}.entity_only, {a}.text_sequence, {a}.entity_terms, {a}.tokens) is distinct from " +
        $"({b}.search_vector, {b}.entity_only, {b}.text_sequence, {b}.entity_terms, {b}.tokens)";

    /// <summary>Whether one of these events changes a record's vector: a fetch or a tagging (either may be older than the one the record holds; the upsert then leaves the row alone).</summary>
    public static bool MayChange(object data) => data is Contracts.Crawler.ArticleFetched or Contracts.EntityTagging.EntitiesTagged;

    /// <summary>The qualified table name of a store.</summary>
    public static string Qualified(IDocumentStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        return store.Options.DatabaseSchemaName + "." + Table;
    }

    /// <summary>
    /// Makes the live table hold exactly the staged rows, changing only the rows that differ: deletes those without a
    /// staged row, updates those that differ in any column, inserts the missing ones. Each statement in its own
    /// transaction (readers see each row either old or new). Returns the rows changed.
    /// </summary>
    internal static async Task<long> RepairFromAsync(NpgsqlConnection connection, string table, string staging, CancellationToken cancellationToken)
    {
        long changed = 0;
        foreach (var sql in new[]
        {
            $"delete from {table} v where not exists (select 1 from {staging} s where s.id = v.id)",
            $"update {table} v set {Updates.Replace("excluded.", "s.", StringComparison.Ordinal)} from {staging} s where s.id = v.id and {Differs("v", "s")}",
            $"insert into {table} ({Columns}) select {Columns} from {staging} s where not exists (select 1 from {table} v where v.id = s.id)",
        })
        {
            await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
            changed += await command.ExecuteNonQueryAsync(cancellationToken);
        }

        return changed;
    }

    /// <summary>
    /// Writes the rows of records whose text terms (empty: none) and entity terms are known, as the projection does (the
    /// text form cast, the entities' own lexemes by <c>ts_delete</c>, this tokenizer's version): an upsert that leaves an
    /// equal row alone, a delete where both terms are empty. In one statement. Returns the rows changed.
    /// </summary>
    internal static async Task<long> WriteAllAsync(
        NpgsqlConnection connection, string table, IReadOnlyList<(Guid Id, string TextTerms, string EntityTerms, long TextSequence)> rows, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            $"with u as (select id, (t || ' ' || e)::tsvector as v, ts_delete(e::tsvector, tsvector_to_array(t::tsvector)) as eo, seq, e " +
            "from unnest(@ids, @texts, @entities, @sequences) as u(id, t, e, seq)), " +
            $"d as (delete from {table} where id in (select id from u where v = ''::tsvector) returning 1), " +
            $"w as (insert into {table} ({Columns}) select id, v, eo, seq, e, {SearchTokens.Version} from u where v <> ''::tsvector " +
            $"on conflict (id) do update set {Updates} where {Differs(table, "excluded")} returning 1) " +
            "select (select count(*) from d) + (select count(*) from w)", connection) { CommandTimeout = 0 };
        command.Parameters.AddWithValue("ids", rows.Select(r => r.Id).ToArray());
        command.Parameters.AddWithValue("texts", rows.Select(r => r.TextTerms).ToArray());
        command.Parameters.AddWithValue("entities", rows.Select(r => r.EntityTerms).ToArray());
        command.Parameters.AddWithValue("sequences", rows.Select(r => r.TextSequence).ToArray());
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>How many rows of the live table this tokenizer version made, and how many it has.</summary>
    internal static async Task<(long Current, long Rows)> MadeByThisVersionAsync(NpgsqlConnection connection, string table, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            $"select count(*) filter (where tokens = {SearchTokens.Version}), count(*) from {table}", connection) { CommandTimeout = 0 };
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    /// <summary>How many rows of the live table differ from the staged ones (missing, extra or another column).</summary>
    internal static async Task<(long Differing, long Staged)> CompareAsync(NpgsqlConnection connection, string table, string staging, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            $"select (select count(*) from {staging} s full join {table} v on v.id = s.id where v.id is null or s.id is null or {Differs("v", "s")}), " +
            $"(select count(*) from {staging})", connection) { CommandTimeout = 0 };
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.GetInt64(0), reader.GetInt64(1));
    }
}
