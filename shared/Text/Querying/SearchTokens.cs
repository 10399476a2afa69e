using System.Globalization;
using System.Text;
using MediaMonitor.Contracts.EntityTagging;

namespace MediaMonitor.Text.Querying;

/// <summary>
/// The words of an article as PostgreSQL full-text search sees them, so a query's words can preselect candidates in SQL
/// before the exact matcher decides. A term (a <see cref="WordScanner"/> term, the matcher's own definition of a word)
/// becomes one token PostgreSQL's 'simple' parser keeps whole: the term itself when it is short and plain ASCII letters
/// and digits, else "x" + its <see cref="TermHash"/> in hex. The same function makes both sides, so a word the matcher
/// finds in an article is always a token of the article's search text.
/// </summary>
public static class SearchTokens
{
    /// <summary>The PostgreSQL text search configuration both sides use (no stemming, no stop words).</summary>
    public const string Configuration = "simple";

    private const int MaxPlainLength = 40;

    /// <summary>The token of one normalized term.</summary>
    public static string Of(ReadOnlySpan<char> term)
    {
        var plain = term.Length is > 0 and <= MaxPlainLength && term[0] != 'x';
        foreach (var c in term)
        {
            plain &= c is (>= 'a' and <= 'z') or (>= '0' and <= '9');
        }

        return plain ? new string(term) : "x" + TermHash.Of(term).ToString("x16", CultureInfo.InvariantCulture);
    }

    /// <summary>The distinct tokens of title, text and outlet (its site name and the URL's host), space-separated.</summary>
    public static string ForText(string? title, string? text, string? outlet, string? url)
    {
        var host = Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.Host : string.Empty;
        return Join([title, text, outlet, host]);
    }

    /// <summary>The distinct tokens of the entities' ids, names, surface forms and aliases, space-separated.</summary>
    public static string ForEntities(IEnumerable<TaggedEntity> entities) =>
        Join(entities.SelectMany(e => (e.Aliases ?? []).Concat(e.SurfaceForms).Append(e.Name).Append(e.EntityId.Replace(':', ' '))));

    /// <summary>
    /// Whether a record's search vector holds the token from elsewhere than title and text: from the outlet, the URL's
    /// host or the entities (<paramref name="entityTerms"/>, as <see cref="ForEntities"/> made them).
    /// </summary>
    public static bool OutsideText(string token, string? outlet, string? url, string? entityTerms)
    {
        ArgumentNullException.ThrowIfNull(token);
        var terms = (entityTerms ?? string.Empty).AsSpan();
        for (var at = terms.IndexOf(token, StringComparison.Ordinal); at >= 0; at = Next(terms, token, at))
        {
            if ((at == 0 || terms[at - 1] == ' ') && (at + token.Length == terms.Length || terms[at + token.Length] == ' '))
            {
                return true;
            }
        }

        return HasToken(outlet, token) || (Uri.TryCreate(url, UriKind.Absolute, out var uri) && HasToken(uri.Host, token));

        static int Next(ReadOnlySpan<char> terms, string token, int at) =>
            terms[(at + 1)..].IndexOf(token, StringComparison.Ordinal) is var next and >= 0 ? at + 1 + next : -1;
    }

    private static bool HasToken(string? text, string token)
    {
        var words = new WordScanner(text ?? string.Empty);
        while (words.MoveNext())
        {
            if (Of(words.Term).Equals(token, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The tokens of every word of the texts, distinct, in first-seen order, joined by spaces.</summary>
    public static string Join(IEnumerable<string?> texts)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var joined = new StringBuilder();
        foreach (var text in texts)
        {
            var words = new WordScanner(text ?? string.Empty);
            while (words.MoveNext())
            {
                var token = Of(words.Term);
                if (seen.Add(token))
                {
                    joined.Append(joined.Length == 0 ? "" : " ").Append(token);
                }
            }
        }

        return joined.ToString();
    }
}
