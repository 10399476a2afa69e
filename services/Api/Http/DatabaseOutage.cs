using System.Net.Sockets;
using Npgsql;

namespace MediaMonitor.Api.Http;

/// <summary>
/// Tells "PostgreSQL cannot be reached right now" (the caller should retry) from every other failure (a bug: 500). Looks through
/// the whole exception chain, as Marten wraps Npgsql's exceptions in its own.
/// </summary>
public static class DatabaseOutage
{
    /// <summary>How long a caller is asked to wait (Retry-After) when the database is unreachable.</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(5);

    public static bool IsOutage(Exception exception) => Chain(exception).Any(IsConnectivityFailure);

    private static bool IsConnectivityFailure(Exception exception) => exception switch
    {
        // A server error: only the ones that say the server is going away or refuses connections for now.
        PostgresException postgres => IsUnavailableState(postgres.SqlState),
        // Npgsql's own: failing to connect or losing the connection (socket, stream, timeout, pool exhausted).
        NpgsqlException npgsql => npgsql.IsTransient || npgsql.InnerException is SocketException or IOException or TimeoutException,
        _ => false,
    };

    /// <summary>
    /// Class 08 (connection exception), 53300 (too many connections), 57P01-57P03 (admin or crash shutdown, cannot connect now).
    /// Not 40001/40P01 (serialization, deadlock): those are answered by the code that retries them, not by "come back later".
    /// </summary>
    internal static bool IsUnavailableState(string sqlState) =>
        sqlState.StartsWith("08", StringComparison.Ordinal)
        || sqlState is PostgresErrorCodes.TooManyConnections or PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown
            or PostgresErrorCodes.CannotConnectNow;

    private static IEnumerable<Exception> Chain(Exception exception)
    {
        var pending = new Stack<Exception>([exception]);
        var seen = 0;
        while (pending.Count > 0 && seen++ < 32)
        {
            var current = pending.Pop();
            yield return current;
            if (current is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions)
                {
                    pending.Push(inner);
                }
            }
            else if (current.InnerException is { } inner)
            {
                pending.Push(inner);
            }
        }
    }
}
