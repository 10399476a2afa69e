using MediaMonitor.Crawler.Politeness;

namespace MediaMonitor.Crawler.Polling;

/// <summary>
/// Which sources to start polling now (pure): those this replica holds, enabled, due by time and not already in flight,
/// earliest first, at most one per host at a time (a host's requests are serialized by its queue anyway, so a second
/// poll of the same host would only wait and take a place from another host), and no more than the room left under
/// Crawler:MaxActiveHosts. Waiting on one host's politeness therefore never keeps another host's due poll waiting.
/// </summary>
public static class PollPlan
{
    public static string HostOf(WatchedSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return HostSchedule.OriginOf(source.FeedUrl ?? source.Url);
    }

    public static IReadOnlyList<WatchedSource> Due(
        IEnumerable<WatchedSource> sources, IReadOnlySet<Guid> held, IReadOnlySet<Guid> inFlight, IReadOnlySet<string> busyHosts, DateTimeOffset now, int room)
    {
        ArgumentNullException.ThrowIfNull(sources);
        var picked = new List<WatchedSource>();
        if (room <= 0)
        {
            return picked;
        }

        var hosts = new HashSet<string>(busyHosts, StringComparer.OrdinalIgnoreCase);
        foreach (var source in sources
                     .Where(s => held.Contains(s.SourceId) && !s.Disabled && s.NextPollAt <= now && !inFlight.Contains(s.SourceId))
                     .OrderBy(s => s.NextPollAt)
                     .ThenBy(s => s.SourceId))
        {
            if (hosts.Add(HostOf(source)))
            {
                picked.Add(source);
                if (picked.Count == room)
                {
                    break;
                }
            }
        }

        return picked;
    }
}
