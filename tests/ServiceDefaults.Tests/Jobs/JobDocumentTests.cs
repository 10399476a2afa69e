using MediaMonitor.ServiceDefaults.Jobs;

namespace MediaMonitor.ServiceDefaults.Tests.Jobs;

public sealed class JobDocumentTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);

    private static JobDocument Started(long total = 10) =>
        JobDocument.Start(Guid.NewGuid(), "test", "tenant-a", new Dictionary<string, string>(), T0) with { Total = total };

    private static JobBatchResult Batch(int processed, string checkpoint, bool finished = false, long matched = 0) =>
        new(processed, checkpoint, finished, new Dictionary<string, long> { ["matched"] = matched });

    [Fact]
    public void A_batch_adds_its_items_and_counters_moves_the_checkpoint_and_numbers_the_next_batch()
    {
        var job = Started().After(Batch(4, "p4", matched: 1), T0.AddSeconds(2)).After(Batch(4, "p8", matched: 2), T0.AddSeconds(4));

        Assert.Equal((8L, "p8", 2, JobState.Running, 3L), (job.Done, job.Checkpoint, job.Batch, job.State, job.Counters["matched"]));
        Assert.Null(job.FinishedAt);
        var (rate, left) = job.Progress();
        Assert.Equal(2.0, rate);
        Assert.Equal(1.0, left);
    }

    [Fact]
    public void The_last_batch_completes_the_job_and_an_empty_one_keeps_the_checkpoint()
    {
        var job = Started(total: 5).After(Batch(5, "p5"), T0.AddSeconds(1)).After(Batch(0, null!, finished: true), T0.AddSeconds(2));

        Assert.Equal((JobState.Completed, "p5", 5L, 5L), (job.State, job.Checkpoint, job.Done, job.Total));
        Assert.Equal(T0.AddSeconds(2), job.FinishedAt);
        Assert.Equal(0, job.Progress().SecondsLeft);
    }

    [Fact]
    public void Items_added_to_the_window_while_it_ran_raise_the_total_to_what_was_done()
    {
        var job = Started(total: 3).After(Batch(4, "p4", finished: true), T0.AddSeconds(1));
        Assert.Equal(4, job.Total);
    }

    [Fact]
    public void A_new_job_with_nothing_in_scope_is_completed_at_once_as_its_one_empty_batch_would_have_left_it()
    {
        var fresh = JobDocument.Start(Guid.NewGuid(), "test", "tenant-a", new Dictionary<string, string>(), T0);
        var none = Batch(0, null!, finished: true);

        var completed = fresh.WithNothingInScope(none, T0.AddSeconds(1));

        var batched = (fresh with { Total = 0 }).After(none, T0.AddSeconds(1));
        Assert.Equal(batched with { Counters = completed.Counters }, completed);
        Assert.Equal(batched.Counters, completed.Counters);
        Assert.Equal((JobState.Completed, 0L, 0L, 1, 0L), (completed.State, completed.Total, completed.Done, completed.Batch, completed.Counters["matched"]));
        Assert.Equal(T0.AddSeconds(1), completed.FinishedAt);
        Assert.Equal(0, completed.Progress().SecondsLeft);
    }

    [Fact]
    public void Only_a_running_job_can_be_cancelled_and_only_a_cancelled_or_failed_one_resumed()
    {
        var running = Started().After(Batch(3, "p3"), T0.AddSeconds(3));
        var (cancelled, error) = running.Cancel(T0.AddSeconds(4));
        Assert.Null(error);
        Assert.Equal(JobState.Cancelled, cancelled!.State);
        Assert.NotNull(cancelled.Cancel(T0.AddSeconds(5)).Error);
        Assert.NotNull(running.Resume(T0.AddSeconds(5)).Error);

        var (resumed, _) = cancelled.Resume(T0.AddSeconds(60));
        Assert.Equal((JobState.Running, "p3", 3L, 1, 3L), (resumed!.State, resumed.Checkpoint, resumed.Done, resumed.Batch, resumed.DoneAtRunStart));
        // The rate is over the current run: the minute it stood still does not count.
        var later = resumed.After(Batch(3, "p6"), T0.AddSeconds(61));
        Assert.Equal(3.0, later.Progress().Rate);

        var failed = later.Fail("batch 4 failed: boom", T0.AddSeconds(62));
        Assert.Equal((JobState.Failed, "batch 4 failed: boom"), (failed.State, failed.Note));
        Assert.Null(failed.Progress().SecondsLeft);
        Assert.Equal(JobState.Running, failed.Resume(T0.AddSeconds(63)).Job!.State);
        var completed = later.After(Batch(4, "p10", finished: true), T0.AddSeconds(62));
        Assert.NotNull(completed.Resume(T0.AddSeconds(63)).Error);
    }

    [Fact]
    public void Before_anything_is_done_the_rate_and_time_left_are_unknown()
    {
        Assert.Equal((null, null), Started().Progress());
    }
}
