using Npgsql;

namespace MediaMonitor.ServiceDefaults;

/// <summary>
/// An UPDATE that touches at most one batch of rows per statement (its own <c>limit</c>), run again until it changes
/// nothing: a fill over millions of rows commits as it goes and never holds one long transaction.
/// </summary>
public static class BatchedUpdate
{
    public static async Task<long> RunUntilDoneAsync(NpgsqlDataSource dataSource, string sql, CancellationToken cancellationToken)
    {
        long changed = 0;
        while (true)
        {
            await using var command = dataSource.CreateCommand(sql);
            command.CommandTimeout = 0;
            var rows = await command.ExecuteNonQueryAsync(cancellationToken);
            changed += rows;
            if (rows == 0)
            {
                return changed;
            }
        }
    }
}
