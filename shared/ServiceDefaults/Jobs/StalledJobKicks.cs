namespace MediaMonitor.ServiceDefaults.Jobs;

/// <summary>
/// Which stalled jobs get their batch sent again in one sweep, and the sweeper's memory of what it sent. A job whose
/// document has not moved for StallSeconds may have lost its message, or its message may still be waiting in a long
/// queue (10,000 subscriptions created at once start 10,000 backfills): sending again to every job that looked stalled
/// on every sweep fed the queue its own copies faster than it drained (the pipeline benchmark under load saw the
/// backfill queue grow from 9,400 to 11,000 while nothing new was started). So each further send of the same batch
/// waits twice as long as the one before (StallSeconds after the document last moved, then 2x, 4x, ...), and one sweep
/// sends at most <see cref="JobSettings.StalledKicksPerSweep"/>, the longest-stalled first.
/// </summary>
public sealed class StalledJobKicks
{
    private const int MaxDoublings = 10;
    private readonly Dictionary<Guid, (int Batch, int Kicks)> _sent = [];

    /// <summary>The jobs to send again now, of the running ones whose document has not moved for StallSeconds.</summary>
    public IReadOnlyList<JobDocument> Due(IEnumerable<JobDocument> stalled, DateTimeOffset now, JobSettings settings)
    {
        ArgumentNullException.ThrowIfNull(stalled);
        ArgumentNullException.ThrowIfNull(settings);
        var candidates = stalled.ToList();
        var running = candidates.Select(j => j.Id).ToHashSet();
        foreach (var gone in _sent.Keys.Where(id => !running.Contains(id)).ToList())
        {
            _sent.Remove(gone);
        }

        return [.. candidates
            .Where(j => now - j.UpdatedAt >= TimeSpan.FromSeconds(settings.StallSeconds * Math.Pow(2, Math.Min(MaxDoublings, KicksOf(j)))))
            .OrderBy(j => j.UpdatedAt)
            .Take(Math.Max(1, settings.StalledKicksPerSweep))];
    }

    /// <summary>Notes that a job's current batch was sent again.</summary>
    public void Sent(JobDocument job)
    {
        ArgumentNullException.ThrowIfNull(job);
        _sent[job.Id] = (job.Batch, KicksOf(job) + 1);
    }

    private int KicksOf(JobDocument job) => _sent.TryGetValue(job.Id, out var sent) && sent.Batch == job.Batch ? sent.Kicks : 0;
}
