using MediaMonitor.Contracts.Api;

namespace MediaMonitor.Alerting.Digests;

/// <summary>
/// When digests fall due, in the subscriber's time zone. A local time that a spring-forward transition skips is taken as
/// the same time on the clock before the jump (02:30 becomes 03:30); one that a fall-back repeats is taken at its first
/// occurrence. Hourly digests fall due at the given minute of every local hour, so the repeated hour has two.
/// </summary>
public static class DigestCalendar
{
    public static bool TryZone(string? id, out TimeZoneInfo zone)
    {
        zone = TimeZoneInfo.Utc;
        if (string.IsNullOrWhiteSpace(id))
        {
            return false;
        }

        try
        {
            zone = TimeZoneInfo.FindSystemTimeZoneById(id);
            return true;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A folder of the zone database ("America/Argentina", "Etc/") throws SecurityException or UnauthorizedAccessException.
            return false;
        }
    }

    /// <summary>The first due instant strictly after <paramref name="after"/>.</summary>
    public static DateTimeOffset NextDue(DigestSchedule schedule, DateTimeOffset after) =>
        Candidates(schedule, after - TimeSpan.FromDays(1), after + TimeSpan.FromDays(9)).First(c => c > after);

    /// <summary>The latest due instant at or before <paramref name="atOrBefore"/>.</summary>
    public static DateTimeOffset LatestDue(DigestSchedule schedule, DateTimeOffset atOrBefore) =>
        Candidates(schedule, atOrBefore - TimeSpan.FromDays(9), atOrBefore + TimeSpan.FromDays(1)).Last(c => c <= atOrBefore);

    /// <summary>The period a digest due at <paramref name="due"/> covers: [the due instant before it, due).</summary>
    public static (DateTimeOffset Start, DateTimeOffset End) PeriodEndingAt(DigestSchedule schedule, DateTimeOffset due) =>
        (LatestDue(schedule, due - TimeSpan.FromTicks(1)), due);

    private static IEnumerable<DateTimeOffset> Candidates(DigestSchedule schedule, DateTimeOffset from, DateTimeOffset to)
    {
        if (!TryZone(schedule.TimeZone, out var zone))
        {
            throw new ArgumentException($"unknown time zone '{schedule.TimeZone}'", nameof(schedule));
        }

        return schedule.Frequency == DigestFrequency.Hourly ? Hourly(schedule.Minute, zone, from, to) : Daily(schedule, zone, from, to);
    }

    private static IEnumerable<DateTimeOffset> Hourly(int minute, TimeZoneInfo zone, DateTimeOffset from, DateTimeOffset to)
    {
        var hour = new DateTimeOffset(from.UtcTicks - (from.UtcTicks % TimeSpan.TicksPerHour), TimeSpan.Zero).AddHours(-1);
        for (; hour <= to; hour = hour.AddHours(1))
        {
            // The UTC minute at which the local clock shows the wanted minute (zones offset by :30 or :45 shift it).
            var offsetMinutes = zone.GetUtcOffset(hour).Minutes;
            var candidate = hour.AddMinutes((((minute - offsetMinutes) % 60) + 60) % 60);
            if (TimeZoneInfo.ConvertTime(candidate, zone).Minute == minute)
            {
                yield return candidate;
            }
        }
    }

    private static IEnumerable<DateTimeOffset> Daily(DigestSchedule schedule, TimeZoneInfo zone, DateTimeOffset from, DateTimeOffset to)
    {
        var first = TimeZoneInfo.ConvertTime(from, zone).Date.AddDays(-1);
        var last = TimeZoneInfo.ConvertTime(to, zone).Date.AddDays(1);
        for (var date = first; date <= last; date = date.AddDays(1))
        {
            if (schedule.Frequency == DigestFrequency.Weekly && date.DayOfWeek != (schedule.Day ?? DayOfWeek.Monday))
            {
                continue;
            }

            yield return ToInstant(date.AddHours(schedule.Hour).AddMinutes(schedule.Minute), zone);
        }
    }

    /// <summary>The instant a local wall-clock time means in the zone (see the class summary for gaps and repeats).</summary>
    public static DateTimeOffset ToInstant(DateTime local, TimeZoneInfo zone)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        TimeSpan offset;
        if (zone.IsInvalidTime(local))
        {
            offset = zone.GetUtcOffset(local.AddHours(-6));
        }
        else if (zone.IsAmbiguousTime(local))
        {
            offset = zone.GetAmbiguousTimeOffsets(local).Max();
        }
        else
        {
            offset = zone.GetUtcOffset(local);
        }

        return new DateTimeOffset(local.Ticks - offset.Ticks, TimeSpan.Zero);
    }
}
