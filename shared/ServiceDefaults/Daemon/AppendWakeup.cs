using System.Diagnostics;
using JasperFx.Events.Daemon.HighWater;

namespace MediaMonitor.ServiceDefaults.Daemon;

/// <summary>
/// What Marten's high-water agent waits on between polls: the poll interval, or less when <see cref="Signal"/> says
/// events were committed (<see cref="EventsAppendedListener"/> signals on PostgreSQL's NOTIFY). A signal that arrives
/// while the agent is polling is kept, so the next wait returns at once and nothing waits out a full interval. No wait
/// returns sooner than <paramref name="leastGap"/> after the previous one did, so while commits come one after another
/// (a hundred a second at 20 articles/s) the agent polls, and every shard behind it fetches and records its progress,
/// once for several of them instead of once for each.
/// </summary>
public sealed class AppendWakeup(TimeSpan leastGap = default) : IDaemonWakeup
{
    private TaskCompletionSource signalled = NewSignal();
    private long _lastReturn;

    /// <summary>Events were committed: wake the waiting agent (or the next one to wait).</summary>
    public void Signal() => Volatile.Read(ref signalled).TrySetResult();

    public async Task WaitAsync(TimeSpan timeout, CancellationToken token)
    {
        var current = Volatile.Read(ref signalled);
        if (!current.Task.IsCompleted)
        {
            using var delay = CancellationTokenSource.CreateLinkedTokenSource(token);
            var timer = Task.Delay(timeout, delay.Token);
            var first = await Task.WhenAny(current.Task, timer).ConfigureAwait(false);
            if (first == current.Task)
            {
                await delay.CancelAsync().ConfigureAwait(false);
            }

            token.ThrowIfCancellationRequested();
        }

        if (current.Task.IsCompleted)
        {
            // Consumed: later signals go to a fresh source. One that lands between the check and the swap is lost, but the
            // agent polls right after this returns, and the events behind it were committed before it was sent.
            Interlocked.CompareExchange(ref signalled, NewSignal(), current);
        }

        var sinceLast = _lastReturn == 0 ? TimeSpan.MaxValue : Stopwatch.GetElapsedTime(_lastReturn);
        if (sinceLast < leastGap)
        {
            await Task.Delay(leastGap - sinceLast, token).ConfigureAwait(false);
        }

        _lastReturn = Stopwatch.GetTimestamp();
    }

    /// <summary>Nothing to release: the wakeup holds no timer or connection of its own (the listener owns the connection).</summary>
    public void Dispose()
    {
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
