using System.Globalization;
using System.Text.RegularExpressions;

namespace MediaMonitor.Crawler.Feeds;

/// <summary>Dates as feeds and pages write them: RFC 822/1123 with any zone spelling, ISO 8601 / W3C-DTF, and common sloppy variants.</summary>
public static partial class FeedDates
{
    private static readonly Dictionary<string, int> ZoneOffsetsMinutes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["UT"] = 0, ["UTC"] = 0, ["GMT"] = 0, ["Z"] = 0, ["WET"] = 0, ["BST"] = 60, ["CET"] = 60, ["MET"] = 60, ["CEST"] = 120,
        ["EET"] = 120, ["EEST"] = 180, ["MSK"] = 180, ["IST"] = 330, ["JST"] = 540, ["KST"] = 540, ["HKT"] = 480, ["SGT"] = 480,
        ["AEST"] = 600, ["AEDT"] = 660, ["NZST"] = 720, ["NZDT"] = 780,
        ["EST"] = -300, ["EDT"] = -240, ["CST"] = -360, ["CDT"] = -300, ["MST"] = -420, ["MDT"] = -360, ["PST"] = -480, ["PDT"] = -420,
        ["AKST"] = -540, ["AKDT"] = -480, ["HST"] = -600, ["AST"] = -240, ["ADT"] = -180, ["NST"] = -210,
        ["A"] = -60, ["M"] = -720, ["N"] = 60, ["Y"] = 720,
    };

    private static readonly string[] Months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

    /// <summary>The instant a date string denotes, or null when it cannot be read; a date without a zone is taken as UTC.</summary>
    public static DateTimeOffset? TryParse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var s = text.Trim();
        return TryIso(s) ?? TryRfc822(s) ?? TryLoose(s);
    }

    private static DateTimeOffset? TryIso(string s)
    {
        var m = IsoPattern().Match(s);
        if (!m.Success)
        {
            return null;
        }

        var year = int.Parse(m.Groups["y"].Value, CultureInfo.InvariantCulture);
        var month = m.Groups["mo"].Success ? int.Parse(m.Groups["mo"].Value, CultureInfo.InvariantCulture) : 1;
        var day = m.Groups["d"].Success ? int.Parse(m.Groups["d"].Value, CultureInfo.InvariantCulture) : 1;
        var hour = m.Groups["h"].Success ? int.Parse(m.Groups["h"].Value, CultureInfo.InvariantCulture) : 0;
        var minute = m.Groups["mi"].Success ? int.Parse(m.Groups["mi"].Value, CultureInfo.InvariantCulture) : 0;
        var second = m.Groups["s"].Success ? int.Parse(m.Groups["s"].Value, CultureInfo.InvariantCulture) : 0;
        var fraction = m.Groups["f"].Success ? double.Parse("0." + m.Groups["f"].Value, CultureInfo.InvariantCulture) : 0;
        var offset = m.Groups["z"].Success ? ParseZone(m.Groups["z"].Value) : TimeSpan.Zero;
        return Build(year, month, day, hour, minute, second, offset, fraction);
    }

    private static DateTimeOffset? TryRfc822(string s)
    {
        var m = RfcPattern().Match(s);
        if (!m.Success)
        {
            return null;
        }

        var month = MonthNumber(m.Groups["mon"].Value);
        if (month == 0)
        {
            return null;
        }

        var year = int.Parse(m.Groups["y"].Value, CultureInfo.InvariantCulture);
        if (m.Groups["y"].Value.Length == 2)
        {
            year += year < 50 ? 2000 : 1900;
        }

        var day = int.Parse(m.Groups["d"].Value, CultureInfo.InvariantCulture);
        var hour = m.Groups["h"].Success ? int.Parse(m.Groups["h"].Value, CultureInfo.InvariantCulture) : 0;
        var minute = m.Groups["mi"].Success ? int.Parse(m.Groups["mi"].Value, CultureInfo.InvariantCulture) : 0;
        var second = m.Groups["s"].Success ? int.Parse(m.Groups["s"].Value, CultureInfo.InvariantCulture) : 0;
        var offset = m.Groups["z"].Success ? ParseZone(m.Groups["z"].Value) : TimeSpan.Zero;
        return Build(year, month, day, hour, minute, second, offset, 0);
    }

    private static DateTimeOffset? TryLoose(string s)
    {
        var styles = DateTimeStyles.AllowWhiteSpaces | DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal;
        return DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, styles, out var value) ? value : null;
    }

    private static DateTimeOffset? Build(int year, int month, int day, int hour, int minute, int second, TimeSpan? offset, double fraction)
    {
        if (offset is null || year < 1 || year > 9999 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)
            || hour > 24 || minute > 59 || second > 60)
        {
            return null;
        }

        var extraDay = hour == 24;
        var value = new DateTimeOffset(year, month, day, extraDay ? 0 : hour, minute, Math.Min(second, 59), offset.Value);
        if (extraDay)
        {
            value = value.AddDays(1);
        }

        return value.AddTicks((long)(fraction * TimeSpan.TicksPerSecond)).ToUniversalTime();
    }

    private static TimeSpan? ParseZone(string zone)
    {
        zone = zone.Trim();
        if (zone.Length == 0)
        {
            return TimeSpan.Zero;
        }

        if (zone[0] is '+' or '-')
        {
            var digits = zone[1..].Replace(":", string.Empty, StringComparison.Ordinal);
            if (digits.Length is not (2 or 4) || !digits.All(char.IsAsciiDigit))
            {
                return null;
            }

            var hours = int.Parse(digits[..2], CultureInfo.InvariantCulture);
            var minutes = digits.Length == 4 ? int.Parse(digits[2..], CultureInfo.InvariantCulture) : 0;
            if (hours > 14 || minutes > 59)
            {
                return null;
            }

            var span = new TimeSpan(hours, minutes, 0);
            return zone[0] == '-' ? -span : span;
        }

        return ZoneOffsetsMinutes.TryGetValue(zone, out var offset) ? TimeSpan.FromMinutes(offset) : TimeSpan.Zero;
    }

    private static int MonthNumber(string name)
    {
        var key = name.Length >= 3 ? name[..3].ToLowerInvariant() : name.ToLowerInvariant();
        return Array.IndexOf(Months, key) + 1;
    }

    [GeneratedRegex(@"^(?<y>\d{4})(?:-?(?<mo>\d{2})(?:-?(?<d>\d{2})(?:[Tt ]+(?<h>\d{2}):?(?<mi>\d{2})(?::?(?<s>\d{2})(?:[.,](?<f>\d+))?)?\s*(?<z>[Zz]|[+-]\d{2}(?::?\d{2})?|[A-Za-z]{1,5})?)?)?)?$")]
    private static partial Regex IsoPattern();

    [GeneratedRegex(@"^(?:[A-Za-z]+,?\s*)?(?<d>\d{1,2})[\s\-]+(?<mon>[A-Za-z]+)\.?[\s\-]+(?<y>\d{4}|\d{2})(?:[\sT]+(?<h>\d{1,2}):(?<mi>\d{2})(?::(?<s>\d{2}))?(?:\.\d+)?)?\s*(?<z>[A-Za-z]{1,5}|[+-]\d{2}:?\d{2})?\s*(?:\([^)]*\))?$")]
    private static partial Regex RfcPattern();
}
