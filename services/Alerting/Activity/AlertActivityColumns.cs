using MediaMonitor.ServiceDefaults;
using Npgsql;

namespace MediaMonitor.Alerting.Activity;

/// <summary>
/// Gives an <see cref="AlertActivity"/> table written before its columns existed (indexes over the JSON) the columns
/// <see cref="RecentAlerts.Register"/> indexes, filled from each row's JSON in batches of <see cref="BatchSize"/> rows.
/// The schema migrator runs it before it applies Alerting's schema: Marten would add the columns itself, but with one
/// <c>update</c> of every row that Npgsql's 30 s command timeout ends on a large table. A no-op on a new or upgraded
/// table.
/// </summary>
public static class AlertActivityColumns
{
    public const int BatchSize = 5000;

    /// <summary>The rows filled (0 when the table is absent, new, or already has them all).</summary>
    public static async Task<long> AddAndFillAsync(NpgsqlDataSource dataSource, string schema, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        var table = $"{schema}.mt_doc_{RecentAlerts.DocumentAlias}";
        await using (var exists = dataSource.CreateCommand("select to_regclass(@table) is not null"))
        {
            exists.Parameters.AddWithValue("table", table);
            if (await exists.ExecuteScalarAsync(cancellationToken) is not true)
            {
                return 0;
            }
        }

        // The types Marten gives these duplicated fields; adding a nullable column without a default rewrites nothing.
        await using (var add = dataSource.CreateCommand($"""
            alter table {table} add column if not exists subscription_id uuid,
                add column if not exists raised_at timestamp with time zone,
                add column if not exists last_match_at timestamp with time zone
            """))
        {
            await add.ExecuteNonQueryAsync(cancellationToken);
        }

        var fill = $"""
            update {table} set subscription_id = (data ->> 'SubscriptionId')::uuid,
                raised_at = (data ->> 'RaisedAt')::timestamptz, last_match_at = (data ->> 'LastMatchAt')::timestamptz
            where id in (select id from {table} where subscription_id is null limit {BatchSize})
            """;
        return await BatchedUpdate.RunUntilDoneAsync(dataSource, fill, cancellationToken);
    }
}
