using Npgsql;

namespace MediaMonitor.ServiceDefaults.Daemon;

/// <summary>
/// The statement trigger on mt_events that NOTIFYed on every inserting statement until <see cref="AppendAnnouncer"/>
/// replaced it: every NOTIFYing commit holds PostgreSQL's one notification lock until its WAL flush, so the trigger made
/// every append of every service wait for every other's. Dropped when found (a database from before, or a service of
/// the older version that created it again during a rolling upgrade).
/// </summary>
public static class LegacyAppendNotifyTrigger
{
    public const string TriggerName = "mm_events_appended";

    /// <summary>Drops the trigger and its function if the trigger is there; true when it was.</summary>
    public static async Task<bool> DropIfPresentAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using (var check = new NpgsqlCommand(
            $"SELECT EXISTS (SELECT 1 FROM pg_trigger WHERE tgname = '{TriggerName}' AND tgrelid = to_regclass('mt_events'))",
            connection))
        {
            if (!(bool)(await check.ExecuteScalarAsync(cancellationToken))!)
            {
                return false;
            }
        }

        await using var drop = new NpgsqlCommand(
            $"""
            DROP TRIGGER IF EXISTS {TriggerName} ON mt_events;
            DROP FUNCTION IF EXISTS mm_notify_events_appended();
            """, connection);
        await drop.ExecuteNonQueryAsync(cancellationToken);
        return true;
    }
}
