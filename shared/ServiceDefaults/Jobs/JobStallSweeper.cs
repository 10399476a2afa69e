using Marten;
using Microsoft.Extensions.Logging;

namespace MediaMonitor.ServiceDefaults.Jobs;

/// <summary>
/// Sends the next batch again for a running job of this kind whose document has not moved for Jobs:StallSeconds (its
/// message was lost: a resume that stopped between saving and sending). A copy that arrives late is ignored; further
/// copies of the same batch back off, and a sweep sends a bounded number (<see cref="StalledJobKicks"/>).
/// </summary>
public sealed class JobStallSweeper<TKind>(IDocumentStore store, TKind kind, JobControl control, JobSettings settings, TimeProvider clock,
    ILogger<JobStallSweeper<TKind>> logger) : PeriodicWork(clock, logger)
    where TKind : class, IJobKind
{
    private readonly StalledJobKicks _kicks = new();

    protected override TimeSpan Period => TimeSpan.FromSeconds(settings.SweepSeconds);

    protected override string FailureMessage => "Looking for stalled jobs failed";

    protected override async Task RunRoundAsync(CancellationToken cancellationToken)
    {
        var before = Clock.GetUtcNow() - TimeSpan.FromSeconds(settings.StallSeconds);
        IReadOnlyList<JobDocument> stalled;
        await using (var query = store.QuerySession())
        {
            stalled = await query.Query<JobDocument>()
                .Where(j => j.Kind == kind.Kind && j.State == JobState.Running && j.UpdatedAt < before)
                .ToListAsync(cancellationToken);
        }

        foreach (var job in _kicks.Due(stalled, Clock.GetUtcNow(), settings))
        {
            logger.LogWarning("Job {JobId} ({Kind}) has not moved since {UpdatedAt}: sending batch {Batch} again", job.Id, job.Kind, job.UpdatedAt, job.Batch);
            await control.KickAsync(job, cancellationToken);
            _kicks.Sent(job);
        }
    }
}
