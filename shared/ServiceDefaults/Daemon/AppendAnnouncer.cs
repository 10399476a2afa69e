using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace MediaMonitor.ServiceDefaults.Daemon;

/// <summary>
/// Tells every service's daemon that this one committed events: after a session's commit that appended events
/// (<see cref="CommittedEventsListener"/>) it wakes this process's own high-water agent at once and sends one NOTIFY on
/// <see cref="EventsAppendedListener.Channel"/> from a connection of its own, in a transaction of its own with
/// <c>synchronous_commit = off</c>, at most once every EventStore:LeastNotifyGapMilliseconds (commits in between are
/// announced together).
/// <para>
/// This replaced a statement trigger on mt_events. A transaction that NOTIFYs takes one database-wide lock at commit and
/// holds it until its commit record is flushed, so with the trigger every append of every service queued behind every
/// other's WAL flush: 16 committers of two small inserts made 2,700 commits/s with the trigger against 6,900 without
/// (pgbench on this machine). The announcement's own commit does not wait for a flush, and there is one per gap per
/// service, not one per append. An append that bypasses Marten's sessions (a bulk load) is not announced; the daemons
/// find it at their idle poll.
/// </para>
/// </summary>
public sealed partial class AppendAnnouncer(
    NpgsqlDataSource dataSource, AppendAnnouncement announcement, EventStoreSettings settings, ILogger<AppendAnnouncer> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var gap = TimeSpan.FromMilliseconds(settings.LeastNotifyGapMilliseconds);
        var backoff = TimeSpan.FromSeconds(1);
        NpgsqlConnection? connection = null;
        try
        {
            while (await announcement.Requests.WaitToReadAsync(stoppingToken))
            {
                announcement.Requests.TryRead(out _);
                try
                {
                    connection ??= await OpenAsync(stoppingToken);
                    await using (var notify = new NpgsqlCommand($"NOTIFY {EventsAppendedListener.Channel}", connection))
                    {
                        await notify.ExecuteNonQueryAsync(stoppingToken);
                    }

                    backoff = TimeSpan.FromSeconds(1);
                    if (gap > TimeSpan.Zero)
                    {
                        await Task.Delay(gap, stoppingToken);
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    // Other services fall back to their idle poll meanwhile; the request is kept for the next try.
                    LogAnnounceFailed(logger, e, backoff.TotalSeconds);
                    if (connection is not null)
                    {
                        await connection.DisposeAsync();
                        connection = null;
                    }

                    announcement.Request();
                    await Task.Delay(backoff, stoppingToken);
                    backoff = TimeSpan.FromSeconds(Math.Min(backoff.TotalSeconds * 2, 30));
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            if (connection is not null)
            {
                await connection.DisposeAsync();
            }
        }
    }

    private async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var asynchronous = new NpgsqlCommand("SET synchronous_commit = off", connection);
        await asynchronous.ExecuteNonQueryAsync(cancellationToken);
        return connection;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Announcing committed events failed; other services find them at their idle poll; trying again in {Seconds} s")]
    private static partial void LogAnnounceFailed(ILogger logger, Exception exception, double seconds);
}

/// <summary>
/// A pending announcement of committed events: any number of requests before <see cref="AppendAnnouncer"/> sends one
/// are one announcement. Requesting also wakes this process's own high-water agent, which needs no round trip.
/// </summary>
public sealed class AppendAnnouncement(AppendWakeup wakeup)
{
    private readonly Channel<bool> requests = Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    internal ChannelReader<bool> Requests => requests.Reader;

    public void Request()
    {
        wakeup.Signal();
        requests.Writer.TryWrite(true);
    }
}
