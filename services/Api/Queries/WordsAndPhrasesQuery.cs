using System.Diagnostics.CodeAnalysis;
using MediaMonitor.Text;

namespace MediaMonitor.Api.Queries;

/// <summary>
/// The first query language: words and "quoted phrases", all required (implicit AND), compared on the shared Tokenizer's
/// terms, so case, diacritics and punctuation do not matter. A phrase matches its words adjacent and in order.
/// </summary>
public sealed class WordsAndPhrasesQuery : IArticleQuery
{
    public const int MaxLength = 500;
    public const int MaxClauses = 32;

    private WordsAndPhrasesQuery(IReadOnlyList<string[]> clauses) => Clauses = clauses;

    /// <summary>Each clause is one word (length 1) or one phrase (its words in order).</summary>
    public IReadOnlyList<string[]> Clauses { get; }

    public static bool TryParse(string? query, [NotNullWhen(true)] out WordsAndPhrasesQuery? parsed, [NotNullWhen(false)] out string? error)
    {
        parsed = null;
        if (string.IsNullOrWhiteSpace(query))
        {
            error = "query is required: words and \"quoted phrases\", all of which must appear";
            return false;
        }

        if (query.Length > MaxLength)
        {
            error = $"query is longer than {MaxLength} characters";
            return false;
        }

        var clauses = new List<string[]>();
        var parts = query.Replace('\u201C', '"').Replace('\u201D', '"').Split('"');
        if (parts.Length % 2 == 0)
        {
            error = "query has an unbalanced quote (\"): close every phrase";
            return false;
        }

        for (var i = 0; i < parts.Length; i++)
        {
            var terms = Tokenizer.Terms(parts[i]);
            if (i % 2 == 1)
            {
                if (terms.Count == 0)
                {
                    error = "query has an empty phrase (\"\")";
                    return false;
                }

                clauses.Add([.. terms]);
            }
            else
            {
                clauses.AddRange(terms.Select(t => new[] { t }));
            }
        }

        if (clauses.Count == 0)
        {
            error = "query has no words: letters or digits are needed";
            return false;
        }

        if (clauses.Count > MaxClauses)
        {
            error = $"query has more than {MaxClauses} words and phrases";
            return false;
        }

        parsed = new WordsAndPhrasesQuery(clauses);
        error = null;
        return true;
    }

    public bool Matches(MatchableArticle article) => MatchesTerms(Tokenizer.Terms(article.Title + "\n" + article.Text));

    public bool MatchesTerms(IReadOnlyList<string> terms)
    {
        var words = new HashSet<string>(terms, StringComparer.Ordinal);
        foreach (var clause in Clauses)
        {
            if (!words.Contains(clause[0]))
            {
                return false;
            }

            if (clause.Length > 1 && !ContainsPhrase(terms, clause))
            {
                return false;
            }
        }

        return true;
    }

    private static bool ContainsPhrase(IReadOnlyList<string> terms, string[] phrase)
    {
        for (var start = 0; start + phrase.Length <= terms.Count; start++)
        {
            var i = 0;
            while (i < phrase.Length && string.Equals(terms[start + i], phrase[i], StringComparison.Ordinal))
            {
                i++;
            }

            if (i == phrase.Length)
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>Registers <see cref="WordsAndPhrasesQuery"/> as the Api's query language.</summary>
public sealed class WordsAndPhrasesQueryLanguage : IArticleQueryLanguage
{
    public bool TryCompile(string? query, [NotNullWhen(true)] out IArticleQuery? parsed, [NotNullWhen(false)] out string? error)
    {
        var ok = WordsAndPhrasesQuery.TryParse(query, out var words, out error);
        parsed = words;
        return ok;
    }
}
