using Marten;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace MediaMonitor.ServiceDefaults.Articles;

/// <summary>
/// Stores <see cref="ArticleCoverageRow"/>'s column on rows written before it existed (Marten adds a duplicated column
/// empty where its value is not in the JSON), built in SQL from the record's JSON; batches of <see cref="BatchSize"/>
/// rows, so no long transaction; a no-op once every row has one. Coverage reads such rows correctly before as well
/// (it builds the same JSON on the fly), only slower.
/// </summary>
public static class CoverageRowFill
{
    public const int BatchSize = 5000;

    public static async Task<long> FillMissingAsync(IDocumentStore store, NpgsqlDataSource dataSource, ILogger logger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(logger);
        var table = $"{store.Options.DatabaseSchemaName}.mt_doc_{ArticleReadModel.Alias}";
        var sql = $"""
            update {table} set {ArticleCoverageRow.Column} = {ArticleCoverageRow.FromDataSql("data")}
            where id in (select id from {table} where {ArticleCoverageRow.Column} is null limit {BatchSize})
            """;
        var filled = await BatchedUpdate.RunUntilDoneAsync(dataSource, sql, cancellationToken);

        if (filled > 0)
        {
            logger.LogInformation("Filled the coverage row of {Rows} article records written before the column existed", filled);
        }

        return filled;
    }
}
