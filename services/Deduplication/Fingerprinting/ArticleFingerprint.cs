namespace MediaMonitor.Deduplication.Fingerprinting;

/// <summary>
/// What deduplication keeps of an article's text: the exact hash of its normalized words, a MinHash sketch of its word
/// shingles (near-duplicates), a MinHash sketch of its names and numbers (template-like articles that differ only
/// there), and hashes of its sentences (truncated and reordered copies).
/// </summary>
public sealed record ArticleFingerprint(
    ulong ExactHash,
    int TermCount,
    int ShingleCount,
    uint[] Shingles,
    int SalientCount,
    uint[] Salient,
    uint[] Sentences,
    int LeadSentenceCount)
{
    /// <summary>Texts this short are matched only exactly: a few words say too little to call two articles copies.</summary>
    public const int MinTermsForNearDuplicates = 25;

    public bool IsShort => TermCount < MinTermsForNearDuplicates;

    /// <summary>The leading sentences: a copy truncated to the lead still shares them.</summary>
    public ReadOnlySpan<uint> LeadSentences => Sentences.AsSpan(0, LeadSentenceCount);
}
