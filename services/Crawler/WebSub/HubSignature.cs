using System.Security.Cryptography;
using System.Text;

namespace MediaMonitor.Crawler.WebSub;

/// <summary>
/// Checks the X-Hub-Signature of pushed content (https://www.w3.org/TR/websub/#signature-validation): "method=hex" where
/// method is sha1, sha256, sha384 or sha512 and hex the HMAC of the raw body keyed with the subscription's secret.
/// Compared in constant time. Returns null when the signature holds, else why not.
/// </summary>
public static class HubSignature
{
    public static string? Problem(string? header, ReadOnlySpan<byte> body, string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        if (string.IsNullOrWhiteSpace(header))
        {
            return "no X-Hub-Signature header";
        }

        var eq = header.IndexOf('=', StringComparison.Ordinal);
        if (eq <= 0)
        {
            return "X-Hub-Signature is not method=signature";
        }

        var method = header[..eq].Trim().ToLowerInvariant();
        byte[] claimed;
        try
        {
            claimed = Convert.FromHexString(header[(eq + 1)..].Trim());
        }
        catch (FormatException)
        {
            return "X-Hub-Signature is not hexadecimal";
        }

        var expected = Mac(method, body, secret);
        if (expected is null)
        {
            return $"X-Hub-Signature method '{method}' is not one of sha1, sha256, sha384, sha512";
        }

        return CryptographicOperations.FixedTimeEquals(expected, claimed) ? null : "wrong X-Hub-Signature (the HMAC of the body does not match)";
    }

    /// <summary>The header value a hub would send (for hubs in tests and for documentation).</summary>
    public static string Sign(string method, ReadOnlySpan<byte> body, string secret)
    {
        var mac = Mac(method, body, secret) ?? throw new ArgumentException($"unknown method {method}", nameof(method));
        return method + "=" + Convert.ToHexStringLower(mac);
    }

    /// <summary>The HMAC of <paramref name="body"/> by the method a hub names; null for a method the spec does not list.</summary>
    private static byte[]? Mac(string method, ReadOnlySpan<byte> body, string secret)
    {
        var key = Encoding.UTF8.GetBytes(secret);
        return method switch
        {
#pragma warning disable CA5350 // The spec lets hubs sign with sha1; only verifying what they send, never choosing it.
            "sha1" => HMACSHA1.HashData(key, body),
#pragma warning restore CA5350
            "sha256" => HMACSHA256.HashData(key, body),
            "sha384" => HMACSHA384.HashData(key, body),
            "sha512" => HMACSHA512.HashData(key, body),
            _ => null,
        };
    }
}
