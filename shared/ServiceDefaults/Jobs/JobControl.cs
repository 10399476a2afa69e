using Marten;
using MassTransit;

namespace MediaMonitor.ServiceDefaults.Jobs;

/// <summary>Starts, cancels and resumes jobs: the document first, then the batch message to the kind's queue.</summary>
public sealed class JobControl(IDocumentStore store, IBus bus, TimeProvider clock)
{
    /// <summary>
    /// Stores the job unless a job with its id exists (a redelivered trigger, or one the Api created), then sends its
    /// next batch if it is running. Returns the stored job.
    /// </summary>
    public async Task<JobDocument> StartAsync(JobDocument job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        await using var session = store.LightweightSession();
        var stored = await session.LoadAsync<JobDocument>(job.Id, cancellationToken);
        if (stored is null)
        {
            session.Insert(job);
            try
            {
                await session.SaveChangesAsync(cancellationToken);
                stored = job;
            }
            catch (Exception conflict) when (WriteConflict.Is(conflict))
            {
                await using var query = store.QuerySession();
                stored = await query.LoadAsync<JobDocument>(job.Id, cancellationToken) ?? throw new InvalidOperationException($"job {job.Id} vanished");
            }
        }

        if (stored.State == JobState.Running)
        {
            await KickAsync(stored, cancellationToken);
        }

        return stored;
    }

    /// <summary>
    /// Stores those of <paramref name="jobs"/> whose id no job has yet, with one read and one transaction for all of them
    /// (a bulk import starts thousands), then sends the next batch of each stored job that is running. If another start of
    /// one of them (a redelivered trigger) inserted it meanwhile, the transaction rolls back and each is started on its own.
    /// Returns the stored jobs, in order.
    /// </summary>
    public async Task<IReadOnlyList<JobDocument>> StartAsync(IReadOnlyList<JobDocument> jobs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        if (jobs.Count == 0)
        {
            return [];
        }

        Dictionary<Guid, JobDocument> stored;
        await using (var session = store.LightweightSession())
        {
            stored = (await session.LoadManyAsync<JobDocument>(cancellationToken, jobs.Select(j => j.Id).Distinct())).ToDictionary(j => j.Id);
            var fresh = jobs.Where(j => !stored.ContainsKey(j.Id)).DistinctBy(j => j.Id).ToList();
            if (fresh.Count > 0)
            {
                session.Insert<JobDocument>(fresh);
                try
                {
                    await session.SaveChangesAsync(cancellationToken);
                }
                catch (Exception conflict) when (WriteConflict.Is(conflict))
                {
                    var one = new List<JobDocument>(jobs.Count);
                    foreach (var job in jobs)
                    {
                        one.Add(await StartAsync(job, cancellationToken));
                    }

                    return one;
                }

                foreach (var job in fresh)
                {
                    stored[job.Id] = job;
                }
            }
        }

        var started = jobs.Select(j => stored[j.Id]).ToList();
        foreach (var job in started.Where(j => j.State == JobState.Running).DistinctBy(j => j.Id))
        {
            await KickAsync(job, cancellationToken);
        }

        return started;
    }

    /// <summary>Sends the job's next batch (a copy for a batch that already ran is ignored by the consumer).</summary>
    public async Task KickAsync(JobDocument job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        var endpoint = await bus.GetSendEndpoint(new Uri("queue:" + JobKinds.QueueOf(job.Kind)));
        await endpoint.Send(new RunJobBatch(job.Id, job.Batch), cancellationToken);
    }

    /// <summary>Cancels a running job: its next batch stops, and a batch running now rolls back.</summary>
    public Task<(JobDocument? Job, string? Error)> CancelAsync(Guid id, CancellationToken cancellationToken) =>
        ChangeAsync(id, (job, now) => job.Cancel(now), kick: false, cancellationToken);

    /// <summary>Runs a cancelled or failed job again from its checkpoint.</summary>
    public Task<(JobDocument? Job, string? Error)> ResumeAsync(Guid id, CancellationToken cancellationToken) =>
        ChangeAsync(id, (job, now) => job.Resume(now), kick: true, cancellationToken);

    private async Task<(JobDocument? Job, string? Error)> ChangeAsync(
        Guid id, Func<JobDocument, DateTimeOffset, (JobDocument? Job, string? Error)> change, bool kick, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            await using var session = store.LightweightSession();
            var job = await session.LoadAsync<JobDocument>(id, cancellationToken);
            if (job is null)
            {
                return (null, $"no job {id}");
            }

            var (changed, error) = change(job, clock.GetUtcNow());
            if (changed is null)
            {
                return (job, error);
            }

            session.UpdateRevision(changed, job.Version + 1);
            try
            {
                await session.SaveChangesAsync(cancellationToken);
            }
            catch (Exception conflict) when (WriteConflict.Is(conflict) && attempt < 5)
            {
                continue; // a batch saved meanwhile: decide again on the new state
            }

            changed.Version = job.Version + 1;
            if (kick)
            {
                await KickAsync(changed, cancellationToken);
            }

            return (changed, null);
        }
    }
}
