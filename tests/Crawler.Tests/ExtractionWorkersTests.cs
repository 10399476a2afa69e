namespace MediaMonitor.Crawler.Tests;

/// <summary>The extraction pool: at most its workers at once, a bounded queue, the work's result or exception to its caller.</summary>
public sealed class ExtractionWorkersTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task No_more_pages_are_extracted_at_once_than_there_are_workers_and_the_rest_wait_in_the_queue()
    {
        await using var pool = new ExtractionWorkers(workers: 2, queueLength: 8);
        using var gate = new ManualResetEventSlim();
        var running = 0;
        var most = 0;
        var pages = Enumerable.Range(0, 6).Select(i => pool.RunAsync(() =>
        {
            var now = Interlocked.Increment(ref running);
            InterlockedMax(ref most, now);
            gate.Wait(Wait);
            Interlocked.Decrement(ref running);
            return i * 10;
        }, CancellationToken.None)).ToList();

        await Eventually.Until(() => Task.FromResult((pool.Running, pool.Queued)), s => s == (2, 4), Wait, "two pages running and four queued",
            s => s.ToString());
        gate.Set();
        var results = await Task.WhenAll(pages);

        Assert.Equal([0, 10, 20, 30, 40, 50], results);
        Assert.Equal(2, most);
        await Eventually.Until(() => Task.FromResult((pool.Running, pool.Queued)), s => s == (0, 0), Wait, "the workers to be idle", s => s.ToString());
    }

    [Fact]
    public async Task A_full_queue_makes_the_fetching_side_wait_for_room()
    {
        await using var pool = new ExtractionWorkers(workers: 1, queueLength: 2);
        using var gate = new ManualResetEventSlim();
        var first = pool.RunAsync(() => gate.Wait(Wait), CancellationToken.None);
        await Eventually.Until(() => Task.FromResult(pool.Running), r => r == 1, Wait, "the first page to run");
        var queued = new[] { pool.RunAsync(() => true, CancellationToken.None), pool.RunAsync(() => true, CancellationToken.None) };
        using var cancel = new CancellationTokenSource();
        var overflow = pool.RunAsync(() => true, cancel.Token);

        Assert.Equal(2, pool.Queued);
        Assert.False(overflow.IsCompleted);
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => overflow);

        gate.Set();
        Assert.True(await first);
        var rest = await Task.WhenAll(queued);
        Assert.Equal([true, true], rest);
        Assert.Equal(0, pool.Queued);
    }

    [Fact]
    public async Task A_page_whose_extraction_throws_fails_its_own_caller_and_the_worker_goes_on()
    {
        await using var pool = new ExtractionWorkers(workers: 1, queueLength: 4);
        var waits = new List<TimeSpan>();
        var failing = pool.RunAsync<int>(() => throw new InvalidOperationException("hostile page"), CancellationToken.None);
        var next = pool.RunAsync(() => 7, CancellationToken.None, w => { lock (waits) { waits.Add(w); } });

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => failing);
        Assert.Equal("hostile page", error.Message);
        Assert.Equal(7, await next);
        Assert.Single(waits);
        Assert.True(waits[0] >= TimeSpan.Zero);
    }

    [Fact]
    public async Task Work_runs_on_a_worker_not_inside_the_caller()
    {
        await using var pool = new ExtractionWorkers(workers: 1, queueLength: 1);
        // The test's own async frame is <Work_runs_on_a_worker_not_inside_the_caller>d__N; its lambda is ...b__N_0.
        var callerFrame = "<" + nameof(Work_runs_on_a_worker_not_inside_the_caller) + ">d__";
        var callerStack = await Task.FromResult(Environment.StackTrace);
        var workerStack = await pool.RunAsync(() => Environment.StackTrace, CancellationToken.None);
        Assert.Contains("ExtractionWorkers", workerStack, StringComparison.Ordinal);
        Assert.DoesNotContain(callerFrame, workerStack, StringComparison.Ordinal);
        Assert.Contains(nameof(Work_runs_on_a_worker_not_inside_the_caller), callerStack, StringComparison.Ordinal);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while (value > (seen = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}
