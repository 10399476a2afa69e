using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace MediaMonitor.ServiceDefaults.Daemon;

/// <summary>
/// Holds one PostgreSQL connection LISTENing on <see cref="Channel"/> and wakes the async daemon's high-water agent
/// (<see cref="AppendWakeup"/>) on every notification, so an idle service polls the event store at the slow interval
/// instead of every few milliseconds and still sees a commit at once. Each service's <see cref="AppendAnnouncer"/> sends
/// the notification after its commits that appended events.
/// When the connection drops the listener reconnects with backoff and signals once (a notification may have been missed
/// meanwhile); until then the agent falls back to polling at the slow interval.
/// </summary>
public sealed partial class EventsAppendedListener(
    NpgsqlDataSource dataSource, AppendWakeup wakeup, ILogger<EventsAppendedListener> logger) : BackgroundService
{
    /// <summary>The notification channel committed appends are announced on.</summary>
    public const string Channel = "mm_events_appended";

    private static readonly TimeSpan LivenessCheck = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var backoff = TimeSpan.FromSeconds(1);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(stoppingToken);
                await LegacyAppendNotifyTrigger.DropIfPresentAsync(connection, stoppingToken);
                connection.Notification += (_, _) => wakeup.Signal();
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                LogListening(logger, Channel);
                wakeup.Signal();
                backoff = TimeSpan.FromSeconds(1);
                while (!stoppingToken.IsCancellationRequested)
                {
                    if (!await connection.WaitAsync(LivenessCheck, stoppingToken))
                    {
                        // Nothing for a while: prove the connection is alive (a dead server never sends anything).
                        await using var ping = new NpgsqlCommand("SELECT 1", connection);
                        await ping.ExecuteScalarAsync(stoppingToken);
                    }
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                LogListenFailed(logger, e, backoff.TotalSeconds);
                wakeup.Signal();
                try
                {
                    await Task.Delay(backoff, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                backoff = TimeSpan.FromSeconds(Math.Min(backoff.TotalSeconds * 2, 30));
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Listening for committed events on {Channel}")]
    private static partial void LogListening(ILogger logger, string channel);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Listening for committed events failed; polling at the slow interval and trying again in {Seconds} s")]
    private static partial void LogListenFailed(ILogger logger, Exception exception, double seconds);
}
