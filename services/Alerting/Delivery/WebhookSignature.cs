using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace MediaMonitor.Alerting.Delivery;

/// <summary>
/// The webhook signature: hex HMAC-SHA256, keyed with the subscription's secret (its UTF-8 bytes), over
/// "{timestamp}.{body}" where timestamp is the Unix time in seconds sent in <see cref="TimestampHeader"/>.
/// Sent as "v1=&lt;hex&gt;" in <see cref="SignatureHeader"/>.
/// </summary>
public static class WebhookSignature
{
    public const string TimestampHeader = "X-MediaMonitor-Timestamp";
    public const string SignatureHeader = "X-MediaMonitor-Signature";

    public static string Sign(string secret, long timestamp, string body)
    {
        var payload = Encoding.UTF8.GetBytes(timestamp.ToString(CultureInfo.InvariantCulture) + "." + body);
        return "v1=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), payload));
    }

    /// <summary>What a receiver does: recompute, compare in constant time, and refuse stale timestamps (replays).</summary>
    public static bool Verify(string secret, string timestampHeader, string body, string signatureHeader, DateTimeOffset now, TimeSpan tolerance)
    {
        if (!long.TryParse(timestampHeader, NumberStyles.None, CultureInfo.InvariantCulture, out var timestamp)
            || (now - DateTimeOffset.FromUnixTimeSeconds(timestamp)).Duration() > tolerance)
        {
            return false;
        }

        var expected = Encoding.ASCII.GetBytes(Sign(secret, timestamp, body));
        var actual = Encoding.ASCII.GetBytes(signatureHeader);
        return CryptographicOperations.FixedTimeEquals(expected, actual);
    }
}
