using Npgsql;

namespace MediaMonitor.ServiceDefaults.Daemon;

/// <summary>
/// The statement trigger on mt_events that NOTIFYs <see cref="EventsAppendedListener.Channel"/> once per inserting
/// statement (a batch of appends is one notification; PostgreSQL folds identical notifications of one transaction and
/// sends them at commit). Created when missing by whichever service gets there first, under an advisory lock so five
/// services starting at once do not race on the DDL.
/// </summary>
public static class AppendNotifyTrigger
{
    public const string TriggerName = "mm_events_appended";

    private const string Create = $"""
        SELECT pg_advisory_xact_lock(hashtext('{TriggerName}'));
        CREATE OR REPLACE FUNCTION mm_notify_events_appended() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            PERFORM pg_notify('{EventsAppendedListener.Channel}', '');
            RETURN NULL;
        END
        $$;
        CREATE OR REPLACE TRIGGER {TriggerName} AFTER INSERT ON mt_events
            FOR EACH STATEMENT EXECUTE FUNCTION mm_notify_events_appended();
        """;

    /// <summary>Creates the trigger unless it exists; false when mt_events does not exist yet.</summary>
    public static async Task<bool> EnsureAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using (var check = new NpgsqlCommand(
            $"SELECT to_regclass('mt_events') IS NOT NULL, EXISTS (SELECT 1 FROM pg_trigger WHERE tgname = '{TriggerName}' AND tgrelid = to_regclass('mt_events'))",
            connection))
        await using (var reader = await check.ExecuteReaderAsync(cancellationToken))
        {
            await reader.ReadAsync(cancellationToken);
            if (!reader.GetBoolean(0))
            {
                return false;
            }

            if (reader.GetBoolean(1))
            {
                return true;
            }
        }

        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var create = new NpgsqlCommand(Create, connection, transaction))
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return true;
    }
}
