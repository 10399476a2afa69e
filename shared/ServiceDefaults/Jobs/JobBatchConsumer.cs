using Marten;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace MediaMonitor.ServiceDefaults.Jobs;

/// <summary>
/// Runs one batch of a <typeparamref name="TKind"/> job and sends the next: the batch's effects, its checkpoint and
/// counters are saved in one transaction, at the document's next revision. A copy for a batch that already ran (a
/// redelivery, a duplicate) or of a job no longer running (cancelled) does nothing; a batch that raced a cancel or
/// another copy rolls back. The message is durable, so a service stopped mid-job continues from the saved checkpoint.
/// </summary>
public sealed class JobBatchConsumer<TKind>(
    IDocumentStore store, TKind kind, JobControl control, JobSettings settings, TimeProvider clock, ILogger<JobBatchConsumer<TKind>> logger)
    : IConsumer<RunJobBatch>
    where TKind : class, IJobKind
{
    public async Task Consume(ConsumeContext<RunJobBatch> context)
    {
        var message = context.Message;
        var ct = context.CancellationToken;
        await using var session = store.LightweightSession();
        var job = await session.LoadAsync<JobDocument>(message.JobId, ct);
        if (job is null || job.Kind != kind.Kind)
        {
            logger.LogWarning("No {Kind} job {JobId}: batch {Batch} ignored", kind.Kind, message.JobId, message.Batch);
            return;
        }

        if (job.State != JobState.Running || message.Batch > job.Batch)
        {
            return;
        }

        if (message.Batch < job.Batch)
        {
            // Already saved. The copy of the batch just before the saved one may be a redelivery after a stop between
            // the save and the send: send the next batch again (a copy of it is ignored in turn).
            if (message.Batch == job.Batch - 1)
            {
                await control.KickAsync(job, ct);
            }

            return;
        }

        if (job.Total is null)
        {
            job = job with { Total = await kind.CountAsync(job, ct) };
        }

        var batch = await kind.RunBatchAsync(job, session, settings.BatchSize, ct);
        var next = job.After(batch, clock.GetUtcNow());
        session.UpdateRevision(next, job.Version + 1);
        try
        {
            await session.SaveChangesAsync(ct);
        }
        catch (Exception conflict) when (WriteConflict.Is(conflict))
        {
            // Cancelled meanwhile, or another copy of this batch saved first: this one's effects are rolled back.
            await using var query = store.QuerySession();
            var now = await query.LoadAsync<JobDocument>(message.JobId, ct);
            if (now is null || now.State != JobState.Running || now.Batch != message.Batch)
            {
                return;
            }

            throw;
        }

        if (next.State == JobState.Running)
        {
            await control.KickAsync(next, ct);
        }
        else
        {
            logger.LogInformation("Job {JobId} ({Kind}) completed: {Done} items in {Batches} batches", next.Id, next.Kind, next.Done, next.Batch);
        }
    }
}

/// <summary>Marks a job failed when one of its batches failed after every retry (the message is in the error queue); resume runs it again.</summary>
public sealed class JobFaultConsumer<TKind>(IDocumentStore store, TKind kind, TimeProvider clock, ILogger<JobFaultConsumer<TKind>> logger)
    : IConsumer<Fault<RunJobBatch>>
    where TKind : class, IJobKind
{
    public async Task Consume(ConsumeContext<Fault<RunJobBatch>> context)
    {
        var failed = context.Message.Message;
        await using var session = store.LightweightSession();
        var job = await session.LoadAsync<JobDocument>(failed.JobId, context.CancellationToken);
        if (job is null || job.Kind != kind.Kind || job.State != JobState.Running || job.Batch != failed.Batch)
        {
            return;
        }

        var reason = context.Message.Exceptions.FirstOrDefault() is { } e ? $"batch {failed.Batch} failed: {e.Message}" : $"batch {failed.Batch} failed";
        session.UpdateRevision(job.Fail(reason, clock.GetUtcNow()), job.Version + 1);
        try
        {
            await session.SaveChangesAsync(context.CancellationToken);
            logger.LogWarning("Job {JobId} ({Kind}) failed: {Reason}", job.Id, job.Kind, reason);
        }
        catch (Exception conflict) when (WriteConflict.Is(conflict))
        {
            // Cancelled or moved on meanwhile: that state stands.
        }
    }
}
