using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MediaMonitor.ServiceDefaults;

/// <summary>
/// A hosted loop that does one round of work every period until the host stops. A failed round is logged and the
/// next tick tries again, so one bad round (a database blip) never stops the loop.
/// </summary>
public abstract class PeriodicWork(TimeProvider clock, ILogger logger) : BackgroundService
{
    /// <summary>The clock the loop ticks on (tests pass a fake one).</summary>
    protected TimeProvider Clock { get; } = clock;

    private long _roundsFinished;

    /// <summary>How many rounds have finished (done or failed) since start: lets a test wait until the loop has looked again.</summary>
    public long RoundsFinished => Interlocked.Read(ref _roundsFinished);

    /// <summary>How long between rounds.</summary>
    protected abstract TimeSpan Period { get; }

    /// <summary>What the log says when a round fails, e.g. "Retrying due deliveries failed".</summary>
    protected abstract string FailureMessage { get; }

    /// <summary>One round of work.</summary>
    protected abstract Task RunRoundAsync(CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Period, Clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await RunRoundAsync(stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
#pragma warning disable CA2254 // the message is a constant per subclass
                    logger.LogWarning(e, FailureMessage + "; the next round tries again");
#pragma warning restore CA2254
                }

                Interlocked.Increment(ref _roundsFinished);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
