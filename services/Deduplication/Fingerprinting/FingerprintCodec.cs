namespace MediaMonitor.Deduplication.Fingerprinting;

/// <summary>The stored (bytea) form of a fingerprint. The first byte is the format version.</summary>
public static class FingerprintCodec
{
    private const byte FormatVersion = 2;

    public static byte[] Encode(ArticleFingerprint fingerprint)
    {
        ArgumentNullException.ThrowIfNull(fingerprint);
        using var stream = new MemoryStream(64 + (4 * (fingerprint.Shingles.Length + fingerprint.Names.Length + fingerprint.Numbers.Length + fingerprint.Sentences.Length)));
        using (var writer = new BinaryWriter(stream))
        {
            writer.Write(FormatVersion);
            writer.Write(fingerprint.ExactHash);
            writer.Write(fingerprint.TermCount);
            writer.Write(fingerprint.ShingleCount);
            WriteArray(writer, fingerprint.Shingles);
            WriteArray(writer, fingerprint.Names);
            WriteArray(writer, fingerprint.Numbers);
            WriteArray(writer, fingerprint.Sentences);
            writer.Write(fingerprint.LeadSentenceCount);
        }

        return stream.ToArray();
    }

    public static ArticleFingerprint Decode(byte[] bytes)
    {
        using var reader = new BinaryReader(new MemoryStream(bytes));
        var version = reader.ReadByte();
        if (version != FormatVersion)
        {
            throw new InvalidDataException($"Unknown fingerprint format {version}; rebuild the deduplication index.");
        }

        var exact = reader.ReadUInt64();
        var terms = reader.ReadInt32();
        var shingleCount = reader.ReadInt32();
        var shingles = ReadArray(reader);
        var names = ReadArray(reader);
        var numbers = ReadArray(reader);
        var sentences = ReadArray(reader);
        var lead = reader.ReadInt32();
        return new ArticleFingerprint(exact, terms, shingleCount, shingles, names, numbers, sentences, lead);
    }

    private static void WriteArray(BinaryWriter writer, uint[] values)
    {
        writer.Write(values.Length);
        foreach (var v in values)
        {
            writer.Write(v);
        }
    }

    private static uint[] ReadArray(BinaryReader reader)
    {
        var values = new uint[reader.ReadInt32()];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = reader.ReadUInt32();
        }

        return values;
    }
}
