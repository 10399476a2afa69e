using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace MediaMonitor.Api.Coverage;

/// <summary>The from/to/interval of a coverage request, parsed and checked.</summary>
public sealed record CoverageRange(DateTimeOffset From, DateTimeOffset To, CoverageInterval Interval)
{
    public static readonly TimeSpan DefaultSpan = TimeSpan.FromDays(30);

    /// <summary>The earliest and latest instants a range may touch: far from DateTimeOffset's limits, so a bucket or a default span never overflows.</summary>
    public static readonly DateTimeOffset Earliest = new(1900, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static readonly DateTimeOffset Latest = new(9000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// from and to take an ISO 8601 instant or a date (UTC); a date as `to` includes that whole day. Defaults: to = now,
    /// from = to minus 30 days; interval hour, day (default) or week.
    /// </summary>
    public static bool TryParse(string? from, string? to, string? interval, DateTimeOffset now, int maxBuckets,
        [NotNullWhen(true)] out CoverageRange? range, [NotNullWhen(false)] out string? error)
    {
        range = null;
        var width = CoverageInterval.Day;
        if (!string.IsNullOrWhiteSpace(interval) && !Enum.TryParse(interval.Trim(), ignoreCase: true, out width) || !Enum.IsDefined(width))
        {
            error = "interval must be hour, day or week";
            return false;
        }

        DateTimeOffset end = now, start;
        if (!string.IsNullOrWhiteSpace(to) && !TryParseInstant(to, endOfDay: true, out end))
        {
            error = "to must be an ISO 8601 date (2026-11-29) or instant (2026-11-29T10:00:00Z)";
            return false;
        }

        if (string.IsNullOrWhiteSpace(from))
        {
            start = end > Earliest + DefaultSpan ? end - DefaultSpan : Earliest;
        }
        else if (!TryParseInstant(from, endOfDay: false, out start))
        {
            error = "from must be an ISO 8601 date (2026-11-01) or instant (2026-11-01T00:00:00Z)";
            return false;
        }

        if (start < Earliest || end > Latest)
        {
            error = $"from and to must lie between {Earliest:yyyy-MM-dd} and {Latest:yyyy-MM-dd}";
            return false;
        }

        if (start >= end)
        {
            error = "from must be before to";
            return false;
        }

        if (CoverageCalculator.CountBuckets(start, end, width) > maxBuckets)
        {
            error = $"the range spans more than {maxBuckets} {width.ToString().ToLowerInvariant()} intervals; narrow it or use a wider interval";
            return false;
        }

        range = new CoverageRange(start, end, width);
        error = null;
        return true;
    }

    private static bool TryParseInstant(string text, bool endOfDay, out DateTimeOffset value)
    {
        try
        {
            return TryParseUnchecked(text, endOfDay, out value);
        }
        catch (ArgumentOutOfRangeException)
        {
            // 9999-12-31 as the end of its day, or 0001-01-01T00:00:00+14:00 in UTC: outside what DateTimeOffset holds.
            value = default;
            return false;
        }
    }

    private static bool TryParseUnchecked(string text, bool endOfDay, out DateTimeOffset value)
    {
        text = text.Trim();
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            value = new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            if (endOfDay)
            {
                value = value.AddDays(1);
            }

            return true;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out value);
    }
}
