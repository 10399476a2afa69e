namespace MediaMonitor.Text;

/// <summary>One token of a text: its normalized form and where it stands in the original.</summary>
public readonly record struct Token(string Term, int Start, int Length, int Position);

/// <summary>
/// The one word tokenizer of the pipeline (matching, deduplication, tagging features): letters and digits form words,
/// apostrophes and hyphens inside a word are kept out of the term, diacritics and case are folded.
/// </summary>
public static class Tokenizer
{
    public static List<Token> Tokenize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = new List<Token>(text.Length / 5);
        var buffer = new System.Text.StringBuilder(32);
        var i = 0;
        while (i < text.Length)
        {
            while (i < text.Length && !char.IsLetterOrDigit(text[i]))
            {
                i++;
            }

            if (i >= text.Length)
            {
                break;
            }

            var start = i;
            buffer.Clear();
            while (i < text.Length && (char.IsLetterOrDigit(text[i]) || char.GetUnicodeCategory(text[i]) == System.Globalization.UnicodeCategory.NonSpacingMark))
            {
                AppendFolded(buffer, text[i]);
                i++;
            }

            if (buffer.Length > 0)
            {
                tokens.Add(new Token(buffer.ToString(), start, i - start, tokens.Count));
            }
        }

        return tokens;
    }

    /// <summary>The normalized terms of a text, in order.</summary>
    public static List<string> Terms(string text) => Tokenize(text).ConvertAll(t => t.Term);

    private static void AppendFolded(System.Text.StringBuilder buffer, char c)
    {
        if (c < 128)
        {
            buffer.Append(char.ToLowerInvariant(c));
            return;
        }

        foreach (var d in c.ToString().Normalize(System.Text.NormalizationForm.FormKD))
        {
            if (char.GetUnicodeCategory(d) != System.Globalization.UnicodeCategory.NonSpacingMark)
            {
                buffer.Append(TextNormalizer.FoldChar(d));
            }
        }
    }
}
