using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace MediaMonitor.Alerting.Tests;

/// <summary>The verification recipe of docs/config/Alerting.md, written out independently of the service's own code.</summary>
public static class SignatureRecipe
{
    public static bool Verify(string secret, ReceivedWebhook post)
    {
        var timestamp = post.Headers["X-MediaMonitor-Timestamp"];
        var age = DateTimeOffset.UtcNow - DateTimeOffset.FromUnixTimeSeconds(long.Parse(timestamp, CultureInfo.InvariantCulture));
        if (age.Duration() > TimeSpan.FromMinutes(5))
        {
            return false;
        }

        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(timestamp + "." + post.Body));
        var expected = "v1=" + Convert.ToHexString(mac).ToLowerInvariant();
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(post.Headers["X-MediaMonitor-Signature"]));
    }
}
