using MassTransit;
using MediaMonitor.Contracts.Api;
using MediaMonitor.ServiceDefaults.Jobs;

namespace MediaMonitor.EntityTagging.Reprocessing;

/// <summary>
/// Starts the reprocessing job of a ReprocessingRequested (<see cref="ReprocessingJob"/> runs it batch by batch).
/// Idempotent: the job's id is the request's, so a redelivered request finds the job and only sends its next batch again.
/// </summary>
public sealed class ReprocessArticlesConsumer(JobControl jobs) : IConsumer<ReprocessingRequested>
{
    public Task Consume(ConsumeContext<ReprocessingRequested> context) =>
        jobs.StartAsync(ReprocessingJobs.For(context.Message), context.CancellationToken);
}
