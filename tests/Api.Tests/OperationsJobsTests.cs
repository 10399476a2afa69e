using MediaMonitor.Api.Operations;
using MediaMonitor.ServiceDefaults.Jobs;

namespace MediaMonitor.Api.Tests;

/// <summary>How the Operations page names and orders jobs (pure).</summary>
public sealed class OperationsJobsTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 5, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_backfill_is_named_by_its_subscription_and_query_version()
    {
        var subscription = Guid.NewGuid();
        var job = SubscriptionBackfillJobs.For(subscription, "t", 3, Now, 30, Now);
        Assert.Equal($"subscription {subscription:D} (query version 3)", OperationsJobs.NameOf(job));
    }

    [Fact]
    public void A_reprocessing_job_is_named_by_its_range_and_entity()
    {
        var job = ReprocessingJobs.For(new ReprocessingRequested(Guid.NewGuid(), Now.AddDays(-2), Now.AddDays(-1), "Q123", Now, "operator"));
        Assert.Equal("articles 2026-12-03 12:00 UTC to 2026-12-04 12:00 UTC, entity Q123", OperationsJobs.NameOf(job));
    }

    [Fact]
    public void A_job_with_no_known_parameters_is_named_by_its_id()
    {
        var job = JobDocument.Start(Guid.NewGuid(), "other", null, new Dictionary<string, string>(), Now);
        Assert.Equal(job.Id.ToString("D"), OperationsJobs.NameOf(job));
    }

    [Fact]
    public void Running_work_comes_first_then_the_newest()
    {
        JobProgress Job(string name, string state, int minutesAgo) => new("k", name, state, 0, null, Now.AddMinutes(-minutesAgo), null, null);
        var ordered = OperationsJobs.Order([Job("old-done", "completed", 50), Job("old-running", "running", 40), Job("new-failed", "failed", 1),
            Job("new-running", "running", 5)]);
        Assert.Equal(["new-running", "old-running", "new-failed", "old-done"], ordered.Select(j => j.Name));
    }
}
