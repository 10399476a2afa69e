using System.Globalization;
using System.Text;
using MediaMonitor.Text;

namespace MediaMonitor.Deduplication.Fingerprinting;

/// <summary>What stood before a word and what kind of word it is.</summary>
[Flags]
public enum TermFlags : ushort
{
    None = 0,
    StartsSentence = 1,
    StartsLine = 2,
    Salient = 4,
    AllCaps = 8,
    AfterSeparator = 16,
    AfterDash = 32,
    Number = 64,
    Stop = 128,
    LowerCase = 256,
}

/// <summary>One word of a text as the fingerprint sees it: the hash of its normalized term and what kind of word it is.</summary>
public readonly record struct ScannedTerm(ulong Hash, TermFlags Flags)
{
    public bool StartsSentence => (Flags & TermFlags.StartsSentence) != 0;

    public bool StartsLine => (Flags & TermFlags.StartsLine) != 0;

    public bool IsSalient => (Flags & TermFlags.Salient) != 0;

    public bool IsAllCaps => (Flags & TermFlags.AllCaps) != 0;

    public bool IsNumber => (Flags & TermFlags.Number) != 0;

    /// <summary>A function word (the, of, to ...): translations and light edits drop and swap these first.</summary>
    public bool IsStop => (Flags & TermFlags.Stop) != 0;

    /// <summary>A breadcrumb or menu separator (| » ›, or • · : / standing between spaces) stood between this word and the previous one.</summary>
    public bool AfterSeparator => (Flags & TermFlags.AfterSeparator) != 0;

    /// <summary>A free-standing dash (a dateline's " - ") stood between this word and the previous one.</summary>
    public bool AfterDash => (Flags & TermFlags.AfterDash) != 0;

    /// <summary>The word begins with a lower-case letter: at a line's start, the line carries on a sentence wrapped from the line before.</summary>
    public bool IsLowerCase => (Flags & TermFlags.LowerCase) != 0;
}

/// <summary>
/// Hashes the words of a text without allocating a string per word. Words and their normalized terms are exactly the
/// shared <see cref="Tokenizer"/>'s; on top it notes where sentences start and which words are names or numbers
/// (salient: they tell template-like articles apart).
/// </summary>
public static class TermScanner
{
    private static readonly HashSet<ulong> StopWords =
    [
        .. new[]
        {
            "the", "a", "an", "of", "to", "in", "on", "at", "for", "and", "or", "but", "is", "was", "are", "were", "be", "been",
            "by", "with", "as", "that", "this", "it", "its", "from", "has", "have", "had", "will", "would", "which", "who",
        }.Select(HashTerm),
    ];

    /// <summary>The hash of an already normalized term (a <see cref="Token.Term"/>).</summary>
    public static ulong HashTerm(string term)
    {
        return Hashing.Mix(TermHash.Of(term));
    }

    public static int Scan(string text, List<ScannedTerm> into) => Scan(text, into, null);

    /// <summary>
    /// Scans <paramref name="text"/> into <paramref name="into"/>; with <paramref name="closedLines"/>, also notes for each
    /// line that holds words whether it ends like a sentence (. ! ? or a quote after one): body text does, navigation,
    /// link lists, headlines and tag lines do not.
    /// </summary>
    public static int Scan(string text, List<ScannedTerm> into, List<bool>? closedLines)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(into);
        into.Clear();
        closedLines?.Clear();
        var span = text.AsSpan();
        var i = 0;
        var sentenceBreak = true;
        var lineBreak = true;
        var lineHasTerms = false;
        char last = ' ', beforeLast = ' ';
        while (i < span.Length)
        {
            var gap = TermFlags.None;
            var gapStart = i;
            for (; i < span.Length; i++)
            {
                var g = span[i];
                if (g < 128 ? Ascii[g] != 0 : char.IsLetterOrDigit(g))
                {
                    break;
                }

                if (IsSentenceBreak(g))
                {
                    sentenceBreak = true;
                }

                if (!char.IsWhiteSpace(g))
                {
                    beforeLast = last;
                    last = g;
                }

                if (g is '\n' or '\r')
                {
                    lineBreak = true;
                    if (lineHasTerms)
                    {
                        closedLines?.Add(EndsSentence(last, beforeLast));
                        lineHasTerms = false;
                    }
                }
                else if (g is '|' or '\u00BB' or '\u203A' || (g is '\u2022' or '\u00B7' or '/' && IsFreeStanding(span, i, 1)) || (g is ':' && IsFreeStanding(span, i, 2)))
                {
                    gap |= TermFlags.AfterSeparator;
                }
                else if (g is '-' or '\u2013' or '\u2014' && i > gapStart && i + 1 < span.Length && char.IsWhiteSpace(span[i - 1]) && char.IsWhiteSpace(span[i + 1]))
                {
                    gap |= TermFlags.AfterDash;
                }
            }

            if (i >= span.Length)
            {
                break;
            }

            var first = span[i];
            var h = TermHash.Empty;
            var length = 0;
            var hasDigit = false;
            var allCaps = true;
            for (; i < span.Length; i++)
            {
                var c = span[i];
                if (c < 128)
                {
                    // ASCII, the bulk of the text: one table lookup says letter case or digit.
                    var kind = Ascii[c];
                    if (kind == 0)
                    {
                        break;
                    }

                    hasDigit |= kind == Digit;
                    allCaps &= kind != Lower;
                    h = TermHash.Step(h, (char)(kind == Upper ? c + 32 : c));
                    length++;
                    continue;
                }

                if (!char.IsLetterOrDigit(c) && char.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
                {
                    break;
                }

                hasDigit |= char.IsDigit(c);
                allCaps &= !char.IsLower(c);
                foreach (var d in c.ToString().Normalize(NormalizationForm.FormKD))
                {
                    if (char.GetUnicodeCategory(d) != UnicodeCategory.NonSpacingMark)
                    {
                        h = TermHash.Step(h, TextNormalizer.FoldChar(d));
                        length++;
                    }
                }
            }

            beforeLast = last;
            last = 'a';
            if (length == 0)
            {
                continue;
            }

            lineHasTerms = true;

            var flags = gap;
            if (sentenceBreak)
            {
                flags |= TermFlags.StartsSentence;
            }

            if (lineBreak)
            {
                flags |= TermFlags.StartsLine;
            }

            if (hasDigit || (char.IsUpper(first) && !sentenceBreak))
            {
                flags |= TermFlags.Salient;
            }

            if (hasDigit)
            {
                flags |= TermFlags.Number;
            }

            if (char.IsLower(first))
            {
                flags |= TermFlags.LowerCase;
            }

            if (allCaps && !hasDigit)
            {
                flags |= TermFlags.AllCaps;
            }

            var hash = Hashing.Mix(h);
            if (length <= 5 && StopWords.Contains(hash))
            {
                flags |= TermFlags.Stop;
            }

            into.Add(new ScannedTerm(hash, flags));
            sentenceBreak = false;
            lineBreak = false;
        }

        if (lineHasTerms)
        {
            closedLines?.Add(EndsSentence(last, beforeLast));
        }

        return into.Count;
    }

    /// <summary>
    /// Whether the punctuation at <paramref name="i"/> stands between spaces on its own, repeated at least
    /// <paramref name="times"/> times ("a • b", "a :: b", "a / b"): a menu's or link list's separator, not a slash inside
    /// "km/h" nor a colon (a single one between spaces is French typography, not a menu).
    /// </summary>
    private static bool IsFreeStanding(ReadOnlySpan<char> span, int i, int times)
    {
        var c = span[i];
        int start = i, end = i;
        while (start > 0 && span[start - 1] == c)
        {
            start--;
        }

        while (end + 1 < span.Length && span[end + 1] == c)
        {
            end++;
        }

        return end - start + 1 >= times && start > 0 && end + 1 < span.Length && char.IsWhiteSpace(span[start - 1]) && char.IsWhiteSpace(span[end + 1]);
    }

    private static bool EndsSentence(char last, char beforeLast) =>
        last is '.' or '!' or '?' or '\u2026' || (last is '"' or '\u201D' or '\'' or '\u2019' or ')' or '\u00BB' && beforeLast is '.' or '!' or '?' or '\u2026');

    private const byte Lower = 1;
    private const byte Upper = 2;
    private const byte Digit = 3;

    /// <summary>For each ASCII character: 0 when it is no word character, else lower-case letter, upper-case letter or digit.</summary>
    private static readonly byte[] Ascii = Enumerable.Range(0, 128)
        .Select(c => c is >= 'a' and <= 'z' ? Lower : c is >= 'A' and <= 'Z' ? Upper : c is >= '0' and <= '9' ? Digit : (byte)0)
        .ToArray();

    // Quotes and colons open reported speech, whose first word is capitalised like a sentence's.
    private static bool IsSentenceBreak(char c) =>
        c is '.' or '!' or '?' or '\n' or '\r' or ':' or ';' or '"' or '\u201C' or '\u201D' or '\u00AB' or '\u2018' or '(' or '[' or '|' or '\u00BB' or '/' or '#';
}
