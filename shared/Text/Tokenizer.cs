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
        var words = new WordScanner(text);
        while (words.MoveNext())
        {
            tokens.Add(new Token(new string(words.Term), words.Start, words.Length, tokens.Count));
        }

        return tokens;
    }

    /// <summary>The normalized terms of a text, in order.</summary>
    public static List<string> Terms(string text) => Tokenize(text).ConvertAll(t => t.Term);
}
