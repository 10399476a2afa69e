using Marten;
using MassTransit;
using MediaMonitor.ServiceDefaults.Jobs;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace MediaMonitor.TestSupport;

/// <summary>The steps the job tests (backfill, reprocessing) share on the real servers.</summary>
public static class JobSteps
{
    /// <summary>
    /// Publishes <paramref name="start"/> on <paramref name="host"/>, waits until its job has saved three batches, stops the
    /// host, and returns the job as it was left: still running and not done, so the next instance has something to resume.
    /// </summary>
    public static async Task<JobDocument> StopHalfWayAsync(ServiceHost host, object start, Guid jobId, long total, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(start);
        var store = host.Services.GetRequiredService<IDocumentStore>();
        await host.Services.GetRequiredService<IBus>().Publish(start);
        await Eventually.Until(() => LoadAsync(store, jobId), j => j is { Done: >= 3 }, timeout, "three batches saved");
        await host.StopAsync();
        var stopped = (await LoadAsync(store, jobId))!;
        Assert.Equal(JobState.Running, stopped.State);
        Assert.True(stopped.Done < total, $"the job finished before the service stopped ({stopped.Done} done); nothing was left to resume");
        return stopped;
    }

    public static async Task<JobDocument?> LoadAsync(IDocumentStore store, Guid jobId)
    {
        ArgumentNullException.ThrowIfNull(store);
        await using var query = store.QuerySession();
        return await query.LoadAsync<JobDocument>(jobId);
    }
}
