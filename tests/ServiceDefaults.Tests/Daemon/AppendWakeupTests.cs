using System.Diagnostics;
using MediaMonitor.ServiceDefaults.Daemon;

namespace MediaMonitor.ServiceDefaults.Tests.Daemon;

public sealed class AppendWakeupTests
{
    [Fact]
    public async Task A_signal_ends_the_wait_long_before_its_timeout()
    {
        var wakeup = new AppendWakeup();
        var clock = Stopwatch.StartNew();

        var waiting = wakeup.WaitAsync(TimeSpan.FromSeconds(30), CancellationToken.None);
        await Task.Delay(50);
        Assert.False(waiting.IsCompleted);
        wakeup.Signal();
        await waiting.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task A_signal_sent_while_nobody_waits_ends_the_next_wait_at_once_and_only_that_one()
    {
        var wakeup = new AppendWakeup();
        wakeup.Signal();

        await wakeup.WaitAsync(TimeSpan.FromSeconds(30), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5));

        // The second wait's own timeout is far beyond the check, so a slow machine cannot end it before the assertion.
        var next = wakeup.WaitAsync(TimeSpan.FromSeconds(30), CancellationToken.None);
        await Task.Delay(100);
        Assert.False(next.IsCompleted, "the signal was consumed by the first wait");
        wakeup.Signal();
        await next.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Without_a_signal_the_wait_lasts_its_timeout()
    {
        var wakeup = new AppendWakeup();
        var clock = Stopwatch.StartNew();

        await wakeup.WaitAsync(TimeSpan.FromMilliseconds(200), CancellationToken.None);

        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(190), $"returned after {clock.ElapsedMilliseconds} ms");
    }

    [Fact]
    public async Task Signals_in_quick_succession_end_waits_no_closer_together_than_the_least_gap()
    {
        var wakeup = new AppendWakeup(TimeSpan.FromMilliseconds(300));
        wakeup.Signal();
        await wakeup.WaitAsync(TimeSpan.FromSeconds(30), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5));
        var clock = Stopwatch.StartNew();

        // Signalled at once again (a commit right after the poll): the wait still lasts the rest of the least gap.
        wakeup.Signal();
        await wakeup.WaitAsync(TimeSpan.FromSeconds(30), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5));

        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(290), $"returned after {clock.ElapsedMilliseconds} ms");
    }

    [Fact]
    public async Task Cancelling_the_wait_throws()
    {
        var wakeup = new AppendWakeup();
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wakeup.WaitAsync(TimeSpan.FromSeconds(30), cancel.Token));
    }
}
