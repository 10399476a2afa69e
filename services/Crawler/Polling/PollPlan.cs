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

    /// <summary>
    /// When a source that was due at <paramref name="due"/>, whose poll started at <paramref name="started"/>, is due again
    /// once the poll is done (at <paramref name="now"/>): one interval after it was due, not after the poll ended (a fixed
    /// rate), so the time a poll waits for its host's turn and takes to fetch, parse and record is not added to every
    /// period: a feed polled every 60 s is read every 60 s, and an item it publishes waits at most about one interval to
    /// be seen. Never sooner than half an interval after this poll started (a poll that started late is followed by the
    /// next on time, not at once), and a source that fell a whole interval behind (its first poll, a resumed one, a poll
    /// slower than its interval) starts afresh one interval from now, so it is never polled twice in a row to catch up.
    /// A source polled for the first time (<paramref name="due"/> is <see cref="DateTimeOffset.MinValue"/>: just added or
    /// resumed) is due again half an interval and then its <see cref="PhaseOf">phase</see> of one interval later (between
    /// 0.5 and 1.5 intervals after this poll, once), so sources added together (a newsroom's 2,000 feeds in a minute) are
    /// read spread over the interval from then on, not all in the same few seconds of every minute, which handed the stages
    /// after the fetch the whole minute's articles at once; two polls of a source are still never closer than half an interval.
    /// </summary>
    public static DateTimeOffset NextAfterPoll(DateTimeOffset due, DateTimeOffset started, TimeSpan interval, DateTimeOffset now, Guid sourceId)
    {
        if (due == DateTimeOffset.MinValue)
        {
            return now + (interval * (0.5 + PhaseOf(sourceId)));
        }

        var next = due + interval;
        if (next <= now)
        {
            return now + interval;
        }

        var earliest = started + (interval / 2);
        return next > earliest ? next : earliest;
    }

    /// <summary>
    /// A fraction of its interval in [0, 1) fixed by the source's id: where in the interval its polls fall when nothing
    /// else fixes it (its second poll; the first after a restart that found it overdue).
    /// </summary>
    public static double PhaseOf(Guid sourceId)
    {
        Span<byte> bytes = stackalloc byte[16];
        sourceId.TryWriteBytes(bytes);
        return BitConverter.ToUInt32(bytes) / ((double)uint.MaxValue + 1);
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
