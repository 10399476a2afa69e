using System.Security.Cryptography;
using System.Text;

namespace MediaMonitor.Api.Security;

/// <summary>API keys: random, shown once, stored only as their SHA-256 hash.</summary>
public static class ApiKeys
{
    public const string Prefix = "mm_";

    public static string NewKey() => Prefix + Base64Url(RandomNumberGenerator.GetBytes(32));

    public static string NewKeyId() => "key_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));

    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    /// <summary>Compares two keys in constant time (through their hashes, so lengths leak nothing either).</summary>
    public static bool SameKey(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(a)), SHA256.HashData(Encoding.UTF8.GetBytes(b)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
