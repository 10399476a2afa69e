using JasperFx;

namespace MediaMonitor.ServiceDefaults.Jobs;

/// <summary>Where a long-running job stands.</summary>
public enum JobState
{
    Running = 0,
    Cancelled = 1,
    Completed = 2,
    Failed = 3,
}

/// <summary>
/// A long-running job (backfill, reprocessing) as a Marten document: what it runs over, how far it got (a checkpoint in
/// a stable order, and how many batches ran) and its counters. Every batch runs in its own message and transaction and
/// saves the document at the next revision, so a batch that lost a race (a duplicate, a cancel) rolls back.
/// </summary>
public sealed record JobDocument : IRevisioned
{
    public Guid Id { get; init; }

    /// <summary>What runs it (<see cref="JobKinds"/>); the queue is "jobs-" + kind.</summary>
    public string Kind { get; init; } = "";

    /// <summary>The tenant the job belongs to; null for an operator's job (shared history), visible to the admin key only.</summary>
    public string? TenantId { get; init; }

    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>();

    /// <summary>Items in scope, counted by the first batch (null until then).</summary>
    public long? Total { get; init; }

    public long Done { get; init; }

    /// <summary>The last processed position in the kind's stable order; null before the first item.</summary>
    public string? Checkpoint { get; init; }

    /// <summary>How many batches have been saved; the next batch message must carry this number.</summary>
    public int Batch { get; init; }

    public JobState State { get; init; }

    /// <summary>What the kind counted besides done (e.g. retagged, alerts).</summary>
    public IReadOnlyDictionary<string, long> Counters { get; init; } = new Dictionary<string, long>();

    /// <summary>Why it failed or finished early, if it says.</summary>
    public string? Note { get; init; }

    public DateTimeOffset StartedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    public DateTimeOffset? FinishedAt { get; init; }

    /// <summary>When the current run began (start or last resume) and what was done then: the rate is over this run.</summary>
    public DateTimeOffset RunStartedAt { get; init; }

    public long DoneAtRunStart { get; init; }

    /// <summary>Marten's numeric revision (optimistic concurrency).</summary>
    public int Version { get; set; }

    /// <summary>A new running job.</summary>
    public static JobDocument Start(Guid id, string kind, string? tenantId, IReadOnlyDictionary<string, string> parameters, DateTimeOffset now) => new()
    {
        Id = id,
        Kind = kind,
        TenantId = tenantId,
        Parameters = parameters,
        State = JobState.Running,
        StartedAt = now,
        UpdatedAt = now,
        RunStartedAt = now,
    };

    /// <summary>The document after one batch: counters added, checkpoint moved, the next batch number, completed if it was the last.</summary>
    public JobDocument After(JobBatchResult batch, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var counters = new Dictionary<string, long>(Counters);
        foreach (var (name, value) in batch.Counters)
        {
            counters[name] = counters.GetValueOrDefault(name) + value;
        }

        var done = Done + batch.Processed;
        return this with
        {
            Done = done,
            Total = batch.Finished && Total is { } t ? Math.Max(t, done) : Total,
            Checkpoint = batch.Checkpoint ?? Checkpoint,
            Batch = Batch + 1,
            Counters = counters,
            State = batch.Finished ? JobState.Completed : JobState.Running,
            Note = batch.Note ?? Note,
            UpdatedAt = now,
            FinishedAt = batch.Finished ? now : null,
        };
    }

    /// <summary>
    /// A new job found to have nothing in scope before its first batch: completed at once, as that batch over no item
    /// would have left it (<paramref name="none"/>: what the batch returns), so no batch runs and no message is sent.
    /// </summary>
    public JobDocument WithNothingInScope(JobBatchResult none, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(none);
        return (this with { Total = 0 }).After(none, now);
    }

    /// <summary>Cancelled, or why not: only a running job can be.</summary>
    public (JobDocument? Job, string? Error) Cancel(DateTimeOffset now) => State == JobState.Running
        ? (this with { State = JobState.Cancelled, UpdatedAt = now, FinishedAt = now }, null)
        : (null, $"the job is {State.ToString().ToLowerInvariant()}, not running");

    /// <summary>Running again from its checkpoint, or why not: a completed job has nothing left.</summary>
    public (JobDocument? Job, string? Error) Resume(DateTimeOffset now) => State is JobState.Cancelled or JobState.Failed
        ? (this with { State = JobState.Running, UpdatedAt = now, FinishedAt = null, RunStartedAt = now, DoneAtRunStart = Done, Note = null }, null)
        : (null, $"the job is {State.ToString().ToLowerInvariant()}; only a cancelled or failed job can be resumed");

    /// <summary>Failed with a reason (a batch that kept failing after its retries).</summary>
    public JobDocument Fail(string reason, DateTimeOffset now) => this with { State = JobState.Failed, Note = reason, UpdatedAt = now, FinishedAt = now };

    /// <summary>Items per second over the current run, and the seconds left at that rate (null while unknown).</summary>
    public (double? Rate, double? SecondsLeft) Progress()
    {
        var seconds = (UpdatedAt - RunStartedAt).TotalSeconds;
        var doneThisRun = Done - DoneAtRunStart;
        double? rate = seconds > 0 && doneThisRun > 0 ? doneThisRun / seconds : null;
        double? left = State != JobState.Running ? (State == JobState.Completed ? 0 : null)
            : Total is { } total && rate is { } r ? Math.Max(0, total - Done) / r
            : null;
        return (rate, left);
    }
}

/// <summary>The kinds of job, as stored and as their queues are named.</summary>
public static class JobKinds
{
    public const string Reprocessing = "reprocessing";

    public const string SubscriptionBackfill = "subscription-backfill";

    /// <summary>The queue whose consumer runs a kind's batches.</summary>
    public static string QueueOf(string kind) => "jobs-" + kind;
}
