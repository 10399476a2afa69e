using System.Buffers.Binary;

namespace MediaMonitor.Deduplication.Fingerprinting;

/// <summary>The stored (bytea) form of a fingerprint, little-endian. The first byte is the format version.</summary>
public static class FingerprintCodec
{
    private const byte FormatVersion = 2;

    public static int SizeOf(ArticleFingerprint fingerprint)
    {
        ArgumentNullException.ThrowIfNull(fingerprint);
        return 1 + 8 + 4 + 4 + 4 + (4 * (4 + fingerprint.Shingles.Length + fingerprint.Names.Length + fingerprint.Numbers.Length + fingerprint.Sentences.Length));
    }

    public static byte[] Encode(ArticleFingerprint fingerprint)
    {
        var bytes = new byte[SizeOf(fingerprint)];
        Encode(fingerprint, bytes);
        return bytes;
    }

    /// <summary>Writes the fingerprint into <paramref name="into"/>; returns the bytes written.</summary>
    public static int Encode(ArticleFingerprint fingerprint, Span<byte> into)
    {
        ArgumentNullException.ThrowIfNull(fingerprint);
        var at = 0;
        into[at++] = FormatVersion;
        BinaryPrimitives.WriteUInt64LittleEndian(into[at..], fingerprint.ExactHash);
        at += 8;
        BinaryPrimitives.WriteInt32LittleEndian(into[at..], fingerprint.TermCount);
        at += 4;
        BinaryPrimitives.WriteInt32LittleEndian(into[at..], fingerprint.ShingleCount);
        at += 4;
        BinaryPrimitives.WriteInt32LittleEndian(into[at..], fingerprint.LeadSentenceCount);
        at += 4;
        at = WriteArray(into, at, fingerprint.Shingles);
        at = WriteArray(into, at, fingerprint.Names);
        at = WriteArray(into, at, fingerprint.Numbers);
        return WriteArray(into, at, fingerprint.Sentences);
    }

    public static ArticleFingerprint Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty || bytes[0] != FormatVersion)
        {
            throw new InvalidDataException($"Unknown fingerprint format {(bytes.IsEmpty ? -1 : bytes[0])}; rebuild the deduplication index.");
        }

        var at = 1;
        var exact = BinaryPrimitives.ReadUInt64LittleEndian(bytes[at..]);
        at += 8;
        var terms = BinaryPrimitives.ReadInt32LittleEndian(bytes[at..]);
        at += 4;
        var shingleCount = BinaryPrimitives.ReadInt32LittleEndian(bytes[at..]);
        at += 4;
        var lead = BinaryPrimitives.ReadInt32LittleEndian(bytes[at..]);
        at += 4;
        var shingles = ReadArray(bytes, ref at);
        var names = ReadArray(bytes, ref at);
        var numbers = ReadArray(bytes, ref at);
        var sentences = ReadArray(bytes, ref at);
        return new ArticleFingerprint(exact, terms, shingleCount, shingles, names, numbers, sentences, lead);
    }

    private static int WriteArray(Span<byte> into, int at, uint[] values)
    {
        BinaryPrimitives.WriteInt32LittleEndian(into[at..], values.Length);
        at += 4;
        foreach (var v in values)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(into[at..], v);
            at += 4;
        }

        return at;
    }

    private static uint[] ReadArray(ReadOnlySpan<byte> bytes, ref int at)
    {
        var length = BinaryPrimitives.ReadInt32LittleEndian(bytes[at..]);
        at += 4;
        if (length < 0 || at + (4 * length) > bytes.Length)
        {
            throw new InvalidDataException("Truncated fingerprint.");
        }

        var values = new uint[length];
        for (var i = 0; i < length; i++)
        {
            values[i] = BinaryPrimitives.ReadUInt32LittleEndian(bytes[(at + (4 * i))..]);
        }

        at += 4 * length;
        return values;
    }
}
