using Marten;

namespace MediaMonitor.ServiceDefaults.Jobs;

/// <summary>What one batch did: items processed, the new checkpoint, whether nothing is left, and the kind's counters.</summary>
public sealed record JobBatchResult(int Processed, string? Checkpoint, bool Finished, IReadOnlyDictionary<string, long> Counters, string? Note = null)
{
    /// <summary>Nothing to do at all (e.g. the subscription is paused): the job completes with the reason.</summary>
    public static JobBatchResult Nothing(string note) => new(0, null, true, new Dictionary<string, long>(), note);
}

/// <summary>
/// One kind of long-running job. <see cref="RunBatchAsync"/> processes at most <c>size</c> items after the job's
/// checkpoint, in a stable order, and records its effects in <c>session</c> only: the runner saves them together with
/// the job document, in one transaction, so a batch either happened once with its checkpoint or not at all.
/// </summary>
public interface IJobKind
{
    /// <summary>The name stored in <see cref="JobDocument.Kind"/> (<see cref="JobKinds"/>).</summary>
    string Kind { get; }

    /// <summary>How many items are in scope (asked once, before the first batch).</summary>
    Task<long> CountAsync(JobDocument job, CancellationToken cancellationToken);

    Task<JobBatchResult> RunBatchAsync(JobDocument job, IDocumentSession session, int size, CancellationToken cancellationToken);
}
