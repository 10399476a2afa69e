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
    /// <summary>
    /// The version of what <see cref="ForText"/> and <see cref="ForEntities"/> give for the same input: one more at every
    /// change of the tokens, their positions or their text form. Stored beside each search vector, so a rebuild keeps the
    /// vectors of the same version (and the same fetch and tagging) without tokenizing again.
    /// </summary>
    public const int Version = 1;

    /// <summary>The PostgreSQL text search configuration both sides use (no stemming, no stop words).</summary>
    public const string Configuration = "simple";

    private const int MaxPlainLength = 40;

    /// <summary>The longest token (<see cref="Write"/> needs that much room).</summary>
    private const int MaxTokenLength = MaxPlainLength;

    /// <summary>The token of one normalized term.</summary>
    public static string Of(ReadOnlySpan<char> term)
    {
        Span<char> token = stackalloc char[MaxTokenLength];
        return new string(token[..Write(term, token)]);
    }

    /// <summary>
    /// Writes the token of one normalized term into <paramref name="token"/> (room for <see cref="MaxTokenLength"/>
    /// characters) and returns its length: the term itself when it is short and plain ASCII letters and digits, else "x"
    /// and its <see cref="TermHash"/> in 16 hex digits.
    /// </summary>
    private static int Write(ReadOnlySpan<char> term, Span<char> token)
    {
        var plain = term.Length is > 0 and <= MaxPlainLength && term[0] != 'x';
        foreach (var c in term)
        {
            plain &= c is (>= 'a' and <= 'z') or (>= '0' and <= '9');
        }

        if (plain)
        {
            term.CopyTo(token);
            return term.Length;
        }

        token[0] = 'x';
        TermHash.Of(term).TryFormat(token[1..], out var written, "x16", CultureInfo.InvariantCulture);
        return written + 1;
    }

    /// <summary>
    /// A lexeme in every search vector whose title and text tokens all carry their exact word positions (see
    /// <see cref="ForText"/>): only there do PostgreSQL's phrase operators answer as the matcher's phrases and NEAR do.
    /// No token is ever this word (a plain token never starts with x, a hashed one is x and 16 hex digits).
    /// </summary>
    public const string ExactPositions = "xpositions";

    /// <summary>The largest word position a tsvector holds, and the most positions it keeps for one lexeme.</summary>
    private const int MaxVectorPosition = 16383;

    private const int MaxVectorPositions = 256;

    /// <summary>
    /// The distinct tokens of title, text and outlet (its site name and the URL's host) in tsvector's text form, in
    /// first-seen order: each title and text token with its word positions as the matcher counts them
    /// (<see cref="MatchDocument"/>: the title from 0, the text after a gap) plus one, so PostgreSQL's phrase operators
    /// measure the matcher's distances; the outlet's and host's other tokens without positions (a phrase never matches
    /// them, nor does the matcher's). A token with more positions than a tsvector keeps (256, or one past 16,383) is
    /// written without positions and the vector then lacks <see cref="ExactPositions"/>, which it holds otherwise.
    /// </summary>
    public static string ForText(string? title, string? text, string? outlet, string? url)
    {
        // Each word's token as an id (first seen, first numbered) and its position, in word order; the token strings are
        // made once per distinct token (looked up by span) and each token's positions gathered with a counting sort.
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        var lookup = ids.GetAlternateLookup<ReadOnlySpan<char>>();
        var order = new List<string>();
        var words = new List<(int Id, int Position)>(256);
        var position = 0;
        Span<char> token = stackalloc char[MaxTokenLength];
        void Scan(string? part, Span<char> token)
        {
            var scanner = new WordScanner(part ?? string.Empty);
            while (scanner.MoveNext())
            {
                var length = Write(scanner.Term, token);
                if (!lookup.TryGetValue(token[..length], out var id))
                {
                    var made = new string(token[..length]);
                    id = order.Count;
                    ids[made] = id;
                    order.Add(made);
                }

                words.Add((id, ++position));
            }
        }

        Scan(title, token);
        position += MatchDocument.TitleTextGap;
        Scan(text, token);

        // starts[id]..starts[id + 1]: that token's positions (ascending: word order) in positions.
        var starts = new int[order.Count + 1];
        foreach (var (id, _) in words)
        {
            starts[id + 1]++;
        }

        for (var id = 0; id < order.Count; id++)
        {
            starts[id + 1] += starts[id];
        }

        var positions = new int[words.Count];
        var next = starts[..^1];
        foreach (var (id, at) in words)
        {
            positions[next[id]++] = at;
        }

        var joined = new StringBuilder(words.Count * 10);
        var exact = true;
        Span<char> digits = stackalloc char[11];
        for (var id = 0; id < order.Count; id++)
        {
            joined.Append(joined.Length == 0 ? "" : " ").Append(order[id]);
            var at = positions.AsSpan(starts[id], starts[id + 1] - starts[id]);
            if (at.Length > MaxVectorPositions || at[^1] > MaxVectorPosition)
            {
                exact = false;
                continue;
            }

            for (var i = 0; i < at.Length; i++)
            {
                at[i].TryFormat(digits, out var written, default, CultureInfo.InvariantCulture);
                joined.Append(i == 0 ? ':' : ',').Append(digits[..written]);
            }
        }

        var host = Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.Host : string.Empty;
        var outside = Join([outlet, host]);
        foreach (var other in outside.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!ids.ContainsKey(other))
            {
                joined.Append(joined.Length == 0 ? "" : " ").Append(other);
            }
        }

        return exact ? joined.Append(joined.Length == 0 ? "" : " ").Append(ExactPositions).ToString() : joined.ToString();
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
        var lookup = seen.GetAlternateLookup<ReadOnlySpan<char>>();
        var joined = new StringBuilder();
        Span<char> token = stackalloc char[MaxTokenLength];
        foreach (var text in texts)
        {
            var words = new WordScanner(text ?? string.Empty);
            while (words.MoveNext())
            {
                var length = Write(words.Term, token);
                if (lookup.Add(token[..length]))
                {
                    joined.Append(joined.Length == 0 ? "" : " ").Append(token[..length]);
                }
            }
        }

        return joined.ToString();
    }
}
