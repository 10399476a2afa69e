using Npgsql;
using NpgsqlTypes;

namespace MediaMonitor.ServiceDefaults;

/// <summary>
/// PostgreSQL's transaction-scoped advisory locks, taken in ascending key order (the same order everywhere, so two
/// holders of overlapping sets never deadlock) in one round trip, and released by the transaction's end. The caller's
/// connection must be in a transaction.
/// </summary>
public static class TransactionLocks
{
    /// <summary>Takes every key's lock, waiting for holders to commit or roll back.</summary>
    public static async Task TakeAsync(NpgsqlConnection connection, IEnumerable<long> keys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var command = new NpgsqlCommand("select count(pg_advisory_xact_lock(k)) from (select k from unnest($1::bigint[]) k order by k) s", connection);
        command.Parameters.Add(new NpgsqlParameter<long[]> { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint, TypedValue = [.. keys.Distinct().Order()] });
        await command.ExecuteScalarAsync(cancellationToken);
    }

    /// <summary>An event stream's lock key: its id folded to 64 bits (two streams sharing a key only wait for each other).</summary>
    public static long ForStream(Guid streamId)
    {
        Span<byte> bytes = stackalloc byte[16];
        streamId.TryWriteBytes(bytes);
        return BitConverter.ToInt64(bytes[..8]) ^ BitConverter.ToInt64(bytes[8..]);
    }
}
