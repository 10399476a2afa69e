using System.Globalization;
using System.Text;
using MediaMonitor.Text;

namespace MediaMonitor.Deduplication.Fingerprinting;

/// <summary>One word of a text as the fingerprint sees it: the hash of its normalized term and what kind of word it is.</summary>
public readonly record struct ScannedTerm(ulong Hash, bool StartsSentence, bool IsSalient);

/// <summary>
/// Hashes the words of a text without allocating a string per word. Words and their normalized terms are exactly the
/// shared <see cref="Tokenizer"/>'s; on top it notes where sentences start and which words are names or numbers
/// (salient: they tell template-like articles apart).
/// </summary>
public static class TermScanner
{
    private const ulong FnvOffset = 14695981039346656037UL;
    private const ulong FnvPrime = 1099511628211UL;

    /// <summary>The hash of an already normalized term (a <see cref="Token.Term"/>).</summary>
    public static ulong HashTerm(string term)
    {
        var h = FnvOffset;
        foreach (var c in term)
        {
            h = (h ^ c) * FnvPrime;
        }

        return Hashing.Mix(h);
    }

    public static int Scan(string text, List<ScannedTerm> into)
    {
        ArgumentNullException.ThrowIfNull(text);
        into.Clear();
        var i = 0;
        var sentenceBreak = true;
        while (i < text.Length)
        {
            while (i < text.Length && !char.IsLetterOrDigit(text[i]))
            {
                if (IsSentenceBreak(text[i]))
                {
                    sentenceBreak = true;
                }

                i++;
            }

            if (i >= text.Length)
            {
                break;
            }

            var first = text[i];
            var h = FnvOffset;
            var length = 0;
            var hasDigit = false;
            while (i < text.Length && (char.IsLetterOrDigit(text[i]) || char.GetUnicodeCategory(text[i]) == UnicodeCategory.NonSpacingMark))
            {
                var c = text[i];
                hasDigit |= char.IsDigit(c);
                if (c < 128)
                {
                    h = (h ^ char.ToLowerInvariant(c)) * FnvPrime;
                    length++;
                }
                else
                {
                    foreach (var d in c.ToString().Normalize(NormalizationForm.FormKD))
                    {
                        if (char.GetUnicodeCategory(d) != UnicodeCategory.NonSpacingMark)
                        {
                            h = (h ^ TextNormalizer.FoldChar(d)) * FnvPrime;
                            length++;
                        }
                    }
                }

                i++;
            }

            if (length == 0)
            {
                continue;
            }

            var salient = hasDigit || (char.IsUpper(first) && !sentenceBreak);
            into.Add(new ScannedTerm(Hashing.Mix(h), sentenceBreak, salient));
            sentenceBreak = false;
        }

        return into.Count;
    }

    // Quotes and colons open reported speech, whose first word is capitalised like a sentence's.
    private static bool IsSentenceBreak(char c) =>
        c is '.' or '!' or '?' or '\n' or '\r' or ':' or ';' or '"' or '\u201C' or '\u201D' or '\u00AB' or '\u2018' or '(' or '[' or '|' or '\u00BB' or '/' or '#';
}
