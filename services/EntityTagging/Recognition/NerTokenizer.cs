using System.Text;

namespace MediaMonitor.EntityTagging.Recognition;

/// <summary>A word or punctuation token with its original spelling and where it starts in the text.</summary>
public readonly record struct TextToken(string Text, int Start);

/// <summary>
/// Splits article text into sentences of CoNLL-style tokens: case is kept, punctuation stands alone, possessive 's is
/// its own token, abbreviations such as "U.S." and "Mr." keep their dots.
/// </summary>
public static class NerTokenizer
{
    private static readonly HashSet<string> Abbreviations = new(StringComparer.Ordinal)
    {
        "Mr", "Mrs", "Ms", "Dr", "Prof", "Gen", "Col", "Lt", "Sgt", "Capt", "Maj", "Gov", "Sen", "Rep", "St", "Jr", "Sr",
        "Inc", "Ltd", "Corp", "Co", "Bros", "vs", "No", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept",
        "Oct", "Nov", "Dec", "Mt", "Ft", "Rev", "Adm", "Cmdr", "Pres",
    };

    public static List<List<TextToken>> Sentences(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sentences = new List<List<TextToken>>();
        var current = new List<TextToken>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                if (c == '\n' && current.Count > 0)
                {
                    sentences.Add(current);
                    current = [];
                }

                i++;
                continue;
            }

            var end = i;
            while (end < text.Length && !char.IsWhiteSpace(text[end]))
            {
                end++;
            }

            SplitChunk(text, i, end, current);
            i = end;
            if (current.Count > 0 && EndsSentence(current, text, end))
            {
                sentences.Add(current);
                current = [];
            }
        }

        if (current.Count > 0)
        {
            sentences.Add(current);
        }

        return sentences;
    }

    private static bool EndsSentence(List<TextToken> tokens, string text, int end)
    {
        var last = tokens[^1].Text;
        if (last is "." or "!" or "?" or "..." or "…")
        {
            return true;
        }

        if (IsQuote(last) && tokens.Count > 1 && tokens[^2].Text is "." or "!" or "?")
        {
            return true;
        }

        return end >= text.Length;
    }

    private static bool IsQuote(string s) => s is "\"" or "'" or "\u201C" or "\u201D" or "\u2018" or "\u2019" or "\u00BB" or "\u00AB";

    private static bool IsSplittablePunctuation(char c) =>
        c is '"' or '(' or ')' or '[' or ']' or '{' or '}' or ',' or ';' or ':' or '!' or '?' or '\u201C' or '\u201D'
            or '\u2018' or '\u2019' or '\u00AB' or '\u00BB' or '\'' or '\u2026' or '/' or '*' or '#';

    private static void SplitChunk(string text, int start, int end, List<TextToken> into)
    {
        var trailing = new Stack<TextToken>();
        while (start < end && (IsSplittablePunctuation(text[start]) || text[start] is '-' or '\u2013' or '\u2014'))
        {
            into.Add(new TextToken(text[start].ToString(), start));
            start++;
        }

        while (end > start)
        {
            var c = text[end - 1];
            if (c == '.' && IsAbbreviation(text, start, end))
            {
                break;
            }

            if (IsSplittablePunctuation(c) || c is '.' or '-' or '\u2013' or '\u2014')
            {
                // A possessive ’s / 's ends in s, not punctuation; handled below.
                trailing.Push(new TextToken(c.ToString(), end - 1));
                end--;
                continue;
            }

            break;
        }

        if (end > start)
        {
            var word = text[start..end];
            var possessive = word.Length > 2 && (word.EndsWith("'s", StringComparison.Ordinal) || word.EndsWith("\u2019s", StringComparison.Ordinal))
                ? 2 : 0;
            if (possessive > 0)
            {
                into.Add(new TextToken(word[..^2], start));
                into.Add(new TextToken("'s", end - 2));
            }
            else
            {
                AddWithInnerDashes(word, start, into);
            }
        }

        while (trailing.Count > 0)
        {
            into.Add(trailing.Pop());
        }
    }

    private static void AddWithInnerDashes(string word, int start, List<TextToken> into)
    {
        // Em and en dashes between words separate them; hyphens stay inside (Nur-Sultan, anti-Russian).
        var from = 0;
        for (var k = 0; k < word.Length; k++)
        {
            if (word[k] is '\u2013' or '\u2014')
            {
                if (k > from)
                {
                    into.Add(new TextToken(word[from..k], start + from));
                }

                into.Add(new TextToken(word[k].ToString(), start + k));
                from = k + 1;
            }
        }

        if (from < word.Length)
        {
            into.Add(new TextToken(word[from..], start + from));
        }
    }

    private static bool IsAbbreviation(string text, int start, int end)
    {
        var word = text[start..(end - 1)];
        if (word.Length == 0)
        {
            return false;
        }

        if (Abbreviations.Contains(word))
        {
            return true;
        }

        // Initials and dotted acronyms: "V.", "U.S.", "D.C."
        var sb = new StringBuilder();
        foreach (var part in word.Split('.'))
        {
            if (part.Length != 1 || !char.IsLetter(part[0]))
            {
                return false;
            }

            sb.Append(part);
        }

        return char.IsUpper(sb[0]);
    }
}
