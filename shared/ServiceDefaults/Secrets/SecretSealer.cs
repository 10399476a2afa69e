using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace MediaMonitor.ServiceDefaults.Secrets;

/// <summary>
/// Seals a secret for storage with AES-256-GCM under the key from configuration (Secrets:Key): "v1." + base64url of
/// nonce, ciphertext and tag. The context (the owner and the field, e.g. "{subscription}/webhook") is authenticated too,
/// so a sealed value copied into another document or field does not open.
/// </summary>
public sealed class SecretSealer
{
    public const int KeyBytes = 32;
    private const string Prefix = "v1.";
    private const int NonceBytes = 12;
    private const int TagBytes = 16;

    private readonly byte[] _key;

    public SecretSealer(byte[] key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length != KeyBytes)
        {
            throw new ArgumentException($"the sealing key must be {KeyBytes} bytes", nameof(key));
        }

        _key = [.. key];
    }

    public string Seal(string secret, string context)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var plain = Encoding.UTF8.GetBytes(secret);
        var sealedBytes = new byte[NonceBytes + plain.Length + TagBytes];
        var nonce = sealedBytes.AsSpan(0, NonceBytes);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_key, TagBytes);
        aes.Encrypt(nonce, plain, sealedBytes.AsSpan(NonceBytes, plain.Length), sealedBytes.AsSpan(NonceBytes + plain.Length), Encoding.UTF8.GetBytes(context));
        return Prefix + Base64Url.EncodeToString(sealedBytes);
    }

    /// <summary>The secret sealed with this key and context; throws <see cref="CryptographicException"/> for any other.</summary>
    public string Open(string sealedSecret, string context)
    {
        ArgumentNullException.ThrowIfNull(sealedSecret);
        if (!sealedSecret.StartsWith(Prefix, StringComparison.Ordinal))
        {
            throw new CryptographicException("not a sealed secret (no v1. prefix)");
        }

        var sealedBytes = Base64Url.DecodeFromChars(sealedSecret.AsSpan(Prefix.Length));
        if (sealedBytes.Length < NonceBytes + TagBytes)
        {
            throw new CryptographicException("the sealed secret is truncated");
        }

        var length = sealedBytes.Length - NonceBytes - TagBytes;
        var plain = new byte[length];
        using var aes = new AesGcm(_key, TagBytes);
        aes.Decrypt(sealedBytes.AsSpan(0, NonceBytes), sealedBytes.AsSpan(NonceBytes, length), sealedBytes.AsSpan(NonceBytes + length), plain,
            Encoding.UTF8.GetBytes(context));
        return Encoding.UTF8.GetString(plain);
    }
}
