namespace MediaMonitor.Crawler.Replicas;

/// <summary>
/// Pure: how one replica moves toward its fair share of the sources, ceil(sources / live replicas). It releases leases
/// above its share (never one it is polling right now) and tries to claim free ones below it; the database decides
/// which claims win.
/// </summary>
public static class LeasePlan
{
    public static int Share(int sources, int liveReplicas) => sources == 0 ? 0 : (sources + Math.Max(1, liveReplicas) - 1) / Math.Max(1, liveReplicas);

    public static (IReadOnlyList<Guid> Release, IReadOnlyList<Guid> Claim) Decide(
        IReadOnlyCollection<Guid> known, IReadOnlyCollection<Guid> held, IReadOnlySet<Guid> busy, IReadOnlySet<Guid> heldByOthers, int liveReplicas, Random random)
    {
        ArgumentNullException.ThrowIfNull(known);
        ArgumentNullException.ThrowIfNull(held);
        ArgumentNullException.ThrowIfNull(busy);
        ArgumentNullException.ThrowIfNull(heldByOthers);
        ArgumentNullException.ThrowIfNull(random);
        var knownSet = known.ToHashSet();
        var share = Share(knownSet.Count, liveReplicas);
        var mine = held.Where(knownSet.Contains).ToList();
        var stale = held.Where(id => !knownSet.Contains(id) && !busy.Contains(id));
        if (mine.Count > share)
        {
            var surplus = mine.Where(id => !busy.Contains(id)).Take(mine.Count - share);
            return ([.. stale, .. surplus], []);
        }

        var heldSet = held.ToHashSet();
        var free = knownSet.Where(id => !heldSet.Contains(id) && !heldByOthers.Contains(id)).OrderBy(_ => random.Next()).Take(share - mine.Count).ToList();
        return ([.. stale], free);
    }
}
