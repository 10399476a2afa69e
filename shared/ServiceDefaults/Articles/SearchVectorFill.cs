using Marten;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace MediaMonitor.ServiceDefaults.Articles;

/// <summary>
/// Gives article records written before the search vectors had their own table (<see cref="ArticleSearchVectors"/>) their
/// vector row, and the vector rows written before its other columns those: from the record's search tokens in its JSON (a
/// record of then held its text's tokens there), read by the same input function as the projection's; the version that
/// made them is not known (null: the next rebuild makes them again). The records are walked in id order,
/// <see cref="BatchSize"/> at a time, each batch its own transaction; a record's JSON is read only when it has no
/// vector row or its row lacks those columns, so a run over a filled table reads the ids only. Then drops what the table
/// replaced: the record table's <c>search_vector</c> column (with its GIN index) and the older expression index over the JSON.
/// </summary>
public static class SearchVectorFill
{
    public const int BatchSize = 5000;

    /// <summary>The index over the JSON the stored column replaced.</summary>
    public const string ReplacedIndex = "mt_doc_article_simple_idx_fts";

    /// <summary>The record table's column the vector table replaced.</summary>
    public const string ReplacedColumn = "search_vector";

    public static async Task<long> FillMissingAsync(IDocumentStore store, NpgsqlDataSource dataSource, ILogger logger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(dataSource);
        var table = $"{store.Options.DatabaseSchemaName}.mt_doc_{ArticleReadModel.Alias}";
        var vectors = ArticleSearchVectors.Qualified(store);
        long filled = 0;
        Guid? after = null;
        while (true)
        {
            // Materialized: the JSON is read for the records without a vector row only (otherwise the planner may test the
            // terms first and read every record's JSON).
            await using var command = dataSource.CreateCommand($"""
                with batch as (select id from {table} where @after::uuid is null or id > @after order by id limit {BatchSize}),
                missing as materialized (
                    select b.id from batch b where not exists (select 1 from {vectors} v where v.id = b.id and v.entity_only is not null)),
                terms as (
                    select d.id, coalesce(d.data ->> 'TextTerms', '') as text, coalesce(d.data ->> 'EntityTerms', '') as entities,
                        coalesce((d.data ->> 'TextSequence')::bigint, 0) as seq
                    from missing m join {table} d on d.id = m.id
                    where coalesce(d.data ->> 'TextTerms', '') <> '' or coalesce(d.data ->> 'EntityTerms', '') <> ''),
                inserted as (
                    insert into {vectors} ({ArticleSearchVectors.Columns})
                    select id, (text || ' ' || entities)::tsvector, ts_delete(entities::tsvector, tsvector_to_array(text::tsvector)), seq, entities, null
                    from terms
                    on conflict (id) do update set search_vector = excluded.search_vector, entity_only = excluded.entity_only,
                        text_sequence = excluded.text_sequence, entity_terms = excluded.entity_terms, tokens = null
                    returning 1)
                select (select id from batch order by id desc limit 1), (select count(*) from inserted)
                """);
            command.CommandTimeout = 0;
            command.Parameters.Add(new NpgsqlParameter("after", NpgsqlTypes.NpgsqlDbType.Uuid) { Value = after is { } a ? a : DBNull.Value });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            if (reader.IsDBNull(0))
            {
                break;
            }

            after = reader.GetGuid(0);
            filled += reader.GetInt64(1);
        }

        await using (var drop = dataSource.CreateCommand(
            $"drop index if exists {store.Options.DatabaseSchemaName}.{ReplacedIndex}; alter table {table} drop column if exists {ReplacedColumn}"))
        {
            drop.CommandTimeout = 0;
            await drop.ExecuteNonQueryAsync(cancellationToken);
        }

        if (filled > 0)
        {
            logger.LogInformation("Wrote the search vector row of {Rows} article records written before the vector table or its columns existed", filled);
        }

        return filled;
    }
}
