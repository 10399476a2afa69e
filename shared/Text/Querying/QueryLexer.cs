using System.Globalization;

namespace MediaMonitor.Text.Querying;

internal enum LexemeKind
{
    Word,
    Phrase,
    Field,
    LeftParen,
    RightParen,
    And,
    Or,
    Not,
    Near,
    End,
}

/// <summary>One piece of query text: its kind, raw text (a field's name, a phrase's inside), where it starts and how long it is.</summary>
internal readonly record struct Lexeme(LexemeKind Kind, string Text, int Position, int Length, int Distance = 0);

/// <summary>Splits query text into words, "phrases", field names, parentheses and the upper-case operators.</summary>
internal static class QueryLexer
{
    internal static readonly string[] Fields = ["title", "source", "lang", "country", "entity", "person", "org", "place"];

    public static List<Lexeme> Lex(string text)
    {
        var lexemes = new List<Lexeme>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }

            if (c is '(' or ')')
            {
                lexemes.Add(new Lexeme(c == '(' ? LexemeKind.LeftParen : LexemeKind.RightParen, c.ToString(), i, 1));
                i++;
                continue;
            }

            if (IsQuote(c))
            {
                var close = i + 1;
                while (close < text.Length && !IsQuote(text[close]))
                {
                    close++;
                }

                if (close >= text.Length)
                {
                    throw new QueryParseException(i, "This quote is never closed: add a closing \" to end the phrase.");
                }

                lexemes.Add(new Lexeme(LexemeKind.Phrase, text[(i + 1)..close], i, close - i + 1));
                i = close + 1;
                continue;
            }

            var start = i;
            while (i < text.Length && !char.IsWhiteSpace(text[i]) && text[i] is not '(' and not ')' && !IsQuote(text[i]))
            {
                if (text[i] == ':' && IsFieldName(text, start, i))
                {
                    break;
                }

                i++;
            }

            if (i < text.Length && text[i] == ':')
            {
                var name = text[start..i];
                if (!Fields.Contains(name.ToLowerInvariant()))
                {
                    throw new QueryParseException(start,
                        $"Unknown field '{name}:'. The fields are title:, source:, lang:, country:, entity:, person:, org: and place:.");
                }

                lexemes.Add(new Lexeme(LexemeKind.Field, name.ToLowerInvariant(), start, i - start + 1));
                i++;
                if (i >= text.Length || char.IsWhiteSpace(text[i]) || text[i] == ')')
                {
                    throw new QueryParseException(start, $"'{name}:' needs a value right after the colon, e.g. {name}:Kazakhstan or {name}:\"Dmitry Peskov\".");
                }

                continue;
            }

            lexemes.Add(Classify(text[start..i], start));
        }

        lexemes.Add(new Lexeme(LexemeKind.End, string.Empty, text.Length, 0));
        return lexemes;
    }

    private static Lexeme Classify(string word, int position)
    {
        switch (word)
        {
            case "AND":
                return new Lexeme(LexemeKind.And, word, position, word.Length);
            case "OR":
                return new Lexeme(LexemeKind.Or, word, position, word.Length);
            case "NOT":
                return new Lexeme(LexemeKind.Not, word, position, word.Length);
            case "NEAR":
                throw new QueryParseException(position, "NEAR needs a distance in words, e.g. NATO NEAR/5 Kazakhstan.");
        }

        if (word.StartsWith("NEAR/", StringComparison.Ordinal))
        {
            if (!int.TryParse(word.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out var distance) || distance < 0 || distance > 100)
            {
                throw new QueryParseException(position, $"'{word}': the distance after NEAR/ must be a whole number of words from 0 to 100, e.g. NEAR/5.");
            }

            return new Lexeme(LexemeKind.Near, word, position, word.Length, distance);
        }

        return new Lexeme(LexemeKind.Word, word, position, word.Length);
    }

    private static bool IsFieldName(string text, int start, int colon)
    {
        if (colon == start || (colon + 2 < text.Length && text[colon + 1] == '/' && text[colon + 2] == '/'))
        {
            return false;
        }

        for (var k = start; k < colon; k++)
        {
            if (!char.IsAsciiLetter(text[k]))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsQuote(char c) => c is '"' or '\u201C' or '\u201D' or '\u201E';
}

/// <summary>Raised inside the parser only; <see cref="QueryParser.Parse"/> turns it into a <see cref="QueryParseError"/>.</summary>
internal sealed class QueryParseException(int position, string message) : Exception(message)
{
    public int Position { get; } = position;
}
