using Marten;
using MediaMonitor.Api.Jobs;
using MediaMonitor.Api.Rebuilds;
using MediaMonitor.ServiceDefaults.Jobs;

namespace MediaMonitor.Api.Operations;

/// <summary>
/// The Operations page's jobs: every running backfill and reprocessing job (JobDocument, shared by all replicas), the ones
/// that finished in the last <see cref="FinishedWindow"/> (at most <see cref="FinishedShown"/>), and the read-model rebuilds
/// this Api replica ran or runs (kept in memory by ReadModelRebuilds). Running work first, then newest first.
/// </summary>
public static class OperationsJobs
{
    public static readonly TimeSpan FinishedWindow = TimeSpan.FromHours(24);
    public const int FinishedShown = 20;
    public const int RunningShown = 200;

    public const string Note = "running backfill and reprocessing jobs of every tenant (GET /api/jobs), those that finished in the last 24 hours "
        + "(at most 20), and this Api replica's read-model rebuilds (GET /api/rebuilds)";

    public static async Task<JobsReport> ReportAsync(IQuerySession session, ReadModelRebuilds rebuilds, DateTimeOffset now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(rebuilds);
        var running = await session.Query<JobDocument>().Where(j => j.State == JobState.Running)
            .OrderByDescending(j => j.StartedAt).Take(RunningShown).ToListAsync(ct);
        var since = now - FinishedWindow;
        var finished = await session.Query<JobDocument>().Where(j => j.State != JobState.Running && j.UpdatedAt >= since)
            .OrderByDescending(j => j.UpdatedAt).Take(FinishedShown).ToListAsync(ct);
        return new JobsReport(true, Note, Order([.. running.Concat(finished).Select(Of), .. Rebuilds(rebuilds)]));
    }

    /// <summary>Running (and queued) work first, then by start, newest first.</summary>
    public static IReadOnlyList<JobProgress> Order(IEnumerable<JobProgress> jobs) =>
        [.. jobs.OrderByDescending(j => j.State is "running" or "queued").ThenByDescending(j => j.StartedAt)];

    /// <summary>The job as GET /api/jobs shows it (<see cref="JobView"/>: state, rate and time left rounded alike), named for people.</summary>
    public static JobProgress Of(JobDocument job)
    {
        var view = JobView.Of(job);
        return new JobProgress(view.Kind, NameOf(job), view.State, view.Done, view.Total, view.StartedAt, view.FinishedAt, job.State == JobState.Failed ? view.Note : null)
        {
            Id = view.Id,
            TenantId = view.TenantId,
            RatePerSecond = view.RatePerSecond,
            SecondsLeft = view.SecondsLeft,
        };
    }

    /// <summary>What the job works on, for people: a backfill's subscription, a reprocessing job's range (and entity), else its id.</summary>
    public static string NameOf(JobDocument job)
    {
        ArgumentNullException.ThrowIfNull(job);
        var p = job.Parameters;
        if (p.TryGetValue("subscriptionId", out var subscription))
        {
            return p.TryGetValue("version", out var version) ? $"subscription {subscription} (query version {version})" : $"subscription {subscription}";
        }

        if (p.TryGetValue("from", out var from) && p.TryGetValue("to", out var to))
        {
            var range = $"articles {Day(from)} to {Day(to)}";
            return p.TryGetValue("entityId", out var entity) ? $"{range}, entity {entity}" : range;
        }

        return job.Id.ToString("D");
    }

    private static string Day(string instant) =>
        DateTimeOffset.TryParse(instant, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var t)
            ? t.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture)
            : instant;

    private static IEnumerable<JobProgress> Rebuilds(ReadModelRebuilds rebuilds) =>
        ReadModelRebuilds.ReadModels
            .Select(m => rebuilds.Current(m.Name))
            .OfType<ReadModelRebuild>()
            .Select(r => new JobProgress("rebuild", r.Name, r.State, r.Done, r.Total, r.StartedAt, r.FinishedAt, r.Error));
}
