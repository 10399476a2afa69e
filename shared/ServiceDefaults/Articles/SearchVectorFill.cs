using Marten;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace MediaMonitor.ServiceDefaults.Articles;

/// <summary>
/// Fills the article read model's <c>search_vector</c> on rows written before the column existed. Marten adds the column
/// empty (a duplicated field is filled from the JSON, and the vector is not in it), and the full-text prefilter would
/// then find none of those rows. The vector is the record's search tokens in tsvector's text form, read by the same
/// input function as the projection's (<see cref="ArticleRecord.SearchVector"/>; the rebuild writes the same); batches of <see cref="BatchSize"/> rows, so no long transaction; a no-op once every row has one.
/// Also drops the expression index the column replaced, if a database still has it.
/// </summary>
public static class SearchVectorFill
{
    public const int BatchSize = 5000;

    /// <summary>The index over the JSON the stored column replaced.</summary>
    public const string ReplacedIndex = "mt_doc_article_simple_idx_fts";

    public static async Task<long> FillMissingAsync(IDocumentStore store, NpgsqlDataSource dataSource, ILogger logger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(dataSource);
        var table = $"{store.Options.DatabaseSchemaName}.mt_doc_{ArticleReadModel.Alias}";
        var sql = $"""
            update {table} set search_vector = (coalesce(data ->> 'TextTerms', '') || ' ' || coalesce(data ->> 'EntityTerms', ''))::tsvector
            where id in (select id from {table} where search_vector is null
                and (coalesce(data ->> 'TextTerms', '') <> '' or coalesce(data ->> 'EntityTerms', '') <> '') limit {BatchSize})
            """;
        var filled = await BatchedUpdate.RunUntilDoneAsync(dataSource, sql, cancellationToken);

        await using (var drop = dataSource.CreateCommand($"drop index if exists {store.Options.DatabaseSchemaName}.{ReplacedIndex}"))
        {
            await drop.ExecuteNonQueryAsync(cancellationToken);
        }

        if (filled > 0)
        {
            logger.LogInformation("Filled the search vector of {Rows} article records written before the column existed", filled);
        }

        return filled;
    }
}
