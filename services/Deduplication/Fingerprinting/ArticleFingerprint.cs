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
    /// <summary>
    /// Texts shorter than this (a lead-only copy, a one-sentence brief) are copies only by their whole text: every sentence
    /// of the short text is the other's lead. Too few words for shingles alone to call two articles copies.
    /// </summary>
    public const int MinTermsForNearDuplicates = 25;

    /// <summary>Texts shorter than this (a line or two: a menu, "Page not found") are matched only exactly, with their title.</summary>
    public const int MinTermsForLead = 15;

    public bool IsShort => TermCount < MinTermsForNearDuplicates;

    /// <summary>Matched only exactly: no sketch, names or sentences.</summary>
    public bool IsExactOnly => Shingles.Length == 0;

    /// <summary>The leading sentences: a copy truncated to the lead still shares them.</summary>
    public ReadOnlySpan<uint> LeadSentences => Sentences.AsSpan(0, LeadSentenceCount);
}
