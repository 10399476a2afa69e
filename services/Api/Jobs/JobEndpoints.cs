using System.Security.Claims;
using Marten;
using MediaMonitor.Api.Http;
using MediaMonitor.Api.Security;
using MediaMonitor.ServiceDefaults.Jobs;

namespace MediaMonitor.Api.Jobs;

/// <summary>
/// GET /api/jobs, GET /api/jobs/{id}, POST /api/jobs/{id}/cancel and /resume: long-running jobs (backfill, reprocessing)
/// with their progress. A tenant key sees its tenant's jobs only (another's is 404); the admin key sees every job.
/// </summary>
public static class JobEndpoints
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 500;

    public static void MapJobEndpoints(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/jobs").RequireAuthorization().WithTags("Jobs");
        group.MapGet("", ListAsync).WithSummary("The caller's jobs, newest first (?state=running|cancelled|completed|failed, ?kind=, ?limit=).");
        group.MapGet("/{jobId:guid}", GetAsync).WithSummary("A job: kind, state, done/total, rate (items/s) and seconds left.");
        group.MapPost("/{jobId:guid}/cancel", CancelAsync).WithSummary("Cancels a running job: its next batch does not run (409 if it is not running).");
        group.MapPost("/{jobId:guid}/resume", ResumeAsync).WithSummary("Runs a cancelled or failed job again from its checkpoint (409 otherwise).");
    }

    internal static async Task<IResult> ListAsync(string? state, string? kind, int? limit, ClaimsPrincipal user, IQuerySession session, CancellationToken ct)
    {
        JobState? wanted = null;
        if (state is not null)
        {
            if (!Enum.TryParse<JobState>(state, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed))
            {
                return ApiProblems.BadRequest("state must be one of running, cancelled, completed, failed");
            }

            wanted = parsed;
        }

        if (limit is < 1 or > MaxLimit)
        {
            return ApiProblems.BadRequest($"limit must be between 1 and {MaxLimit}");
        }

        var query = session.Query<JobDocument>().AsQueryable();
        if (!IsAdmin(user))
        {
            var tenant = user.TenantId();
            query = query.Where(j => j.TenantId == tenant);
        }

        if (wanted is { } s)
        {
            query = query.Where(j => j.State == s);
        }

        if (kind is not null)
        {
            query = query.Where(j => j.Kind == kind);
        }

        var jobs = await query.OrderByDescending(j => j.StartedAt).Take(limit ?? DefaultLimit).ToListAsync(ct);
        return Results.Ok(jobs.Select(JobView.Of).ToList());
    }

    internal static async Task<IResult> GetAsync(Guid jobId, ClaimsPrincipal user, IQuerySession session, CancellationToken ct) =>
        await VisibleAsync(jobId, user, session, ct) is { } job ? Results.Ok(JobView.Of(job)) : NotFound(jobId);

    internal static Task<IResult> CancelAsync(Guid jobId, ClaimsPrincipal user, IQuerySession session, JobControl jobs, CancellationToken ct) =>
        ChangeAsync(jobId, user, session, () => jobs.CancelAsync(jobId, ct), ct);

    internal static Task<IResult> ResumeAsync(Guid jobId, ClaimsPrincipal user, IQuerySession session, JobControl jobs, CancellationToken ct) =>
        ChangeAsync(jobId, user, session, () => jobs.ResumeAsync(jobId, ct), ct);

    private static async Task<IResult> ChangeAsync(Guid jobId, ClaimsPrincipal user, IQuerySession session,
        Func<Task<(JobDocument? Job, string? Error)>> change, CancellationToken ct)
    {
        if (await VisibleAsync(jobId, user, session, ct) is null)
        {
            return NotFound(jobId);
        }

        var (job, error) = await change();
        return job is null ? NotFound(jobId)
            : error is not null ? ApiProblems.Conflict(error)
            : Results.Ok(JobView.Of(job));
    }

    /// <summary>The job if the caller may see it: the admin any, a tenant its own (an operator's job belongs to no tenant).</summary>
    private static async Task<JobDocument?> VisibleAsync(Guid jobId, ClaimsPrincipal user, IQuerySession session, CancellationToken ct)
    {
        var job = await session.LoadAsync<JobDocument>(jobId, ct);
        return job is not null && (IsAdmin(user) || job.TenantId is { } t && t == user.TenantId()) ? job : null;
    }

    private static bool IsAdmin(ClaimsPrincipal user) => user.IsInRole(ApiKeyAuthenticationHandler.AdminRole);

    private static IResult NotFound(Guid jobId) => ApiProblems.NotFound($"no job {jobId}");
}

/// <summary>A job as the Api shows it; rate in items per second over the current run, secondsLeft at that rate.</summary>
public sealed record JobView(
    Guid Id,
    string Kind,
    string? TenantId,
    string State,
    IReadOnlyDictionary<string, string> Parameters,
    long? Total,
    long Done,
    double? RatePerSecond,
    double? SecondsLeft,
    int Batches,
    IReadOnlyDictionary<string, long> Counters,
    string? Note,
    DateTimeOffset StartedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? FinishedAt)
{
    public static JobView Of(JobDocument job)
    {
        ArgumentNullException.ThrowIfNull(job);
        var (rate, left) = job.Progress();
        return new JobView(job.Id, job.Kind, job.TenantId, job.State.ToString().ToLowerInvariant(), job.Parameters, job.Total, job.Done,
            rate is { } r ? Math.Round(r, 2) : null, left is { } l ? Math.Round(l, 1) : null, job.Batch, job.Counters, job.Note,
            job.StartedAt, job.UpdatedAt, job.FinishedAt);
    }
}
