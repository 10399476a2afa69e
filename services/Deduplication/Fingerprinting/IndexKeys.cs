namespace MediaMonitor.Deduplication.Fingerprinting;

/// <summary>
/// The lookup keys of a fingerprint (locality-sensitive hashing): two articles that share a key become candidates and are
/// compared in full. Keys: the exact hash; LSH bands of the shingle sketch (rows per band chosen so that Jaccard &gt;= 0.5
/// almost always shares a band and unrelated texts almost never do); the leading sentences (copies truncated to the lead).
/// </summary>
public static class IndexKeys
{
    public const int Bands = 16;
    public const int RowsPerBand = 3;

    public static long[] For(ArticleFingerprint fingerprint)
    {
        ArgumentNullException.ThrowIfNull(fingerprint);
        var keys = new List<long>(1 + Bands + Fingerprinter.LeadSentences) { Key(1, fingerprint.ExactHash) };
        if (!fingerprint.IsShort)
        {
            for (var band = 0; band < Bands; band++)
            {
                var h = (ulong)band;
                for (var row = 0; row < RowsPerBand; row++)
                {
                    h = Hashing.Combine(h, fingerprint.Shingles[(band * RowsPerBand) + row]);
                }

                keys.Add(Key(2, h));
            }

            foreach (var sentence in fingerprint.LeadSentences)
            {
                keys.Add(Key(3, sentence));
            }
        }

        return [.. keys.Distinct()];
    }

    private static long Key(ulong kind, ulong value) => (long)Hashing.Combine(kind * 0x9E3779B97F4A7C15UL, value);
}
