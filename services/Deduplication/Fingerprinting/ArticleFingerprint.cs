namespace MediaMonitor.Deduplication.Fingerprinting;

/// <summary>
/// What deduplication keeps of an article's text: the exact hash of its normalized words, a MinHash sketch of its word
/// shingles (near-duplicates), the first of its names and of its numbers (template-like articles differ there), and
/// hashes of its sentences in order (truncated and reordered copies). Computed on the text without boilerplate.
/// </summary>
public sealed record ArticleFingerprint(
    ulong ExactHash,
    int TermCount,
    int ShingleCount,
    uint[] Shingles,
    uint[] Names,
    uint[] Numbers,
    uint[] Sentences,
    int LeadSentenceCount)
{
    /// <summary>Texts this short are matched only exactly: a few words say too little to call two articles copies.</summary>
    public const int MinTermsForNearDuplicates = 25;

    public bool IsShort => TermCount < MinTermsForNearDuplicates;

    /// <summary>The leading sentences: a copy truncated to the lead still shares them.</summary>
    public ReadOnlySpan<uint> LeadSentences => Sentences.AsSpan(0, LeadSentenceCount);
}
