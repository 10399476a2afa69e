using MediaMonitor.ServiceDefaults.Jobs;

namespace MediaMonitor.ServiceDefaults.Tests.Jobs;

public sealed class StalledJobKicksTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 10, 0, 0, TimeSpan.Zero);
    private static readonly JobSettings Settings = new() { StallSeconds = 120, StalledKicksPerSweep = 32 };

    [Fact]
    public void Thousands_of_jobs_waiting_in_a_long_queue_get_a_bounded_number_of_copies_per_sweep_the_longest_stalled_first()
    {
        var waiting = Enumerable.Range(0, 10_000).Select(i => Job(Now.AddSeconds(-121 - i))).ToList();
        var kicks = new StalledJobKicks();

        var due = kicks.Due(waiting, Now, Settings);

        Assert.Equal(32, due.Count);
        Assert.Equal(waiting.OrderBy(j => j.UpdatedAt).Take(32).Select(j => j.Id), due.Select(j => j.Id));
    }

    [Fact]
    public void A_batch_sent_again_is_sent_once_more_only_after_twice_the_stall_then_four_times()
    {
        var job = Job(Now.AddSeconds(-130));
        var kicks = new StalledJobKicks();

        Assert.Single(kicks.Due([job], Now, Settings));
        kicks.Sent(job);
        Assert.Empty(kicks.Due([job], Now.AddSeconds(30), Settings));      // 160 s since it moved: under 2 x 120
        Assert.Single(kicks.Due([job], Now.AddSeconds(111), Settings));    // 241 s
        kicks.Sent(job);
        Assert.Empty(kicks.Due([job], Now.AddSeconds(300), Settings));     // 430 s: under 4 x 120
        Assert.Single(kicks.Due([job], Now.AddSeconds(351), Settings));    // 481 s

        // The job moved on (its next batch): it is new to the sweeper again.
        var moved = job with { Batch = job.Batch + 1, UpdatedAt = Now.AddSeconds(400) };
        Assert.Single(kicks.Due([moved], Now.AddSeconds(521), Settings));
    }

    [Fact]
    public void A_job_that_moved_within_the_stall_is_not_sent_again()
    {
        Assert.Empty(new StalledJobKicks().Due([Job(Now.AddSeconds(-60))], Now, Settings));
    }

    private static JobDocument Job(DateTimeOffset updatedAt) =>
        JobDocument.Start(Guid.NewGuid(), "subscription-backfill", "tenant-a", new Dictionary<string, string>(), updatedAt.AddMinutes(-1)) with { UpdatedAt = updatedAt };
}
