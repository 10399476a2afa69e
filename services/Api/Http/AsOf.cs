using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace MediaMonitor.Api.Http;

/// <summary>The asOf= query parameter of time travel: an ISO 8601 instant (a date means its midnight, UTC).</summary>
public static class AsOf
{
    public static bool TryParse(string? text, out DateTimeOffset? instant, [NotNullWhen(false)] out string? error)
    {
        instant = null;
        error = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        if (DateTimeOffset.TryParse(text.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed)
            && parsed.Year is > 1 and < 9999)
        {
            instant = parsed;
            return true;
        }

        error = "asOf must be an ISO 8601 instant (2026-11-29T10:00:00Z) or date";
        return false;
    }
}
