namespace MediaMonitor.Text.Querying;

/// <summary>
/// A PostgreSQL tsquery (over <see cref="SearchTokens"/>) every article matching a query satisfies: a necessary
/// condition, never a sufficient one, so the exact matcher still decides each candidate. Words and phrases require their
/// words, AND all its clauses' conditions, OR the union, an entity the words of its name (its names' words are in the
/// article's entity tokens), a phrase or NEAR of the text also its words' positions (<see cref="PositionalGuard"/>); NOT,
/// prefixes and languages add no condition. Null: no condition at all (every article is a candidate).
/// </summary>
public static class SearchPrefilter
{
    public static string? For(Query query) => query switch
    {
        TermQuery t => SearchTokens.Of(t.Term),
        PhraseQuery p => All(p.Terms.Select(term => (string?)SearchTokens.Of(term)).Append(PositionalGuard(p))),
        NearQuery n => All([For(n.Left), For(n.Right), PositionalGuard(n)]),
        AndQuery a => All(a.Clauses.Select(For)),
        OrQuery o => Any(o.Clauses.Select(For).ToList()),
        EntityQuery e => All(e.Name.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(word => (string?)SearchTokens.Of(word))),
        _ => null,
    };

    /// <summary>
    /// The conditions every article satisfying <see cref="For"/>'s tsquery satisfies: the tokens of a word, a phrase, an
    /// entity name, and a phrase's or NEAR's <see cref="PositionalGuard"/>; all of AND's and NEAR's clauses', only those
    /// every clause of an OR requires; none under NOT or from a prefix or a language. A row the prefilter found satisfies
    /// these without probing its vector.
    /// </summary>
    public static IReadOnlySet<string> Required(Query query) => query switch
    {
        TermQuery t => new HashSet<string>(StringComparer.Ordinal) { SearchTokens.Of(t.Term) },
        PhraseQuery p => p.Terms.Select(term => SearchTokens.Of(term)).Concat(Guards(p)).ToHashSet(StringComparer.Ordinal),
        NearQuery n => Required(n.Left).Union(Required(n.Right)).Concat(Guards(n)).ToHashSet(StringComparer.Ordinal),
        AndQuery a => a.Clauses.SelectMany(Required).ToHashSet(StringComparer.Ordinal),
        OrQuery o => o.Clauses.Select(Required).Aggregate((left, right) => left.Intersect(right).ToHashSet(StringComparer.Ordinal)),
        EntityQuery e => e.Name.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(word => SearchTokens.Of(word)).ToHashSet(StringComparer.Ordinal),
        _ => new HashSet<string>(StringComparer.Ordinal),
    };

    /// <summary>The widest NEAR decided by word positions (it takes 2 (n + 1) phrase operators); a wider one requires its words only.</summary>
    public const int MaxPositionalDistance = 20;

    /// <summary>
    /// A tsquery over the search vector's word positions that an article whose vector holds
    /// <see cref="SearchTokens.ExactPositions"/> satisfies exactly when the matcher's clause matches its title and text:
    /// a phrase of the text field (each word one position after the last: <c>a &lt;-&gt; b</c>), or a NEAR/n of two
    /// different words of it (at most n words between them in either order: <c>a &lt;1&gt; b | ... | b &lt;n+1&gt; a</c>).
    /// Null for any other clause (title or outlet fields, prefixes, phrases under NEAR, a word NEAR itself, NEAR wider
    /// than <see cref="MaxPositionalDistance"/>): those are left to their words and the matcher.
    /// </summary>
    public static string? Positional(Query query) => query switch
    {
        PhraseQuery { Field: QueryField.Text, Terms.Count: > 1 } p => string.Join(" <-> ", p.Terms.Select(term => SearchTokens.Of(term))),
        NearQuery { Left: TermQuery { Field: QueryField.Text } left, Right: TermQuery { Field: QueryField.Text } right } n
            when n.Distance is >= 0 and <= MaxPositionalDistance && SearchTokens.Of(left.Term) is var a && SearchTokens.Of(right.Term) is var b
                && !string.Equals(a, b, StringComparison.Ordinal) =>
            string.Join(" | ", Enumerable.Range(1, n.Distance + 1).SelectMany(d => new[] { $"{a} <{d}> {b}", $"{b} <{d}> {a}" })),
        _ => null,
    };

    /// <summary>
    /// What every article matching a <see cref="Positional"/> clause satisfies: the positions, or a vector without exact
    /// ones (written before them, or with a word past a tsvector's limits), where PostgreSQL's phrase operators never match
    /// and only the words can be required. Null when the clause has no positional form.
    /// </summary>
    public static string? PositionalGuard(Query query) =>
        Positional(query) is { } positional ? "(" + positional + ") | !" + SearchTokens.ExactPositions : null;

    private static IEnumerable<string> Guards(Query query) => PositionalGuard(query) is { } guard ? [guard] : [];

    private static string? All(IEnumerable<string?> conditions)
    {
        var known = conditions.Where(c => c is not null).Distinct().ToList();
        return known.Count switch
        {
            0 => null,
            1 => known[0],
            _ => string.Join(" & ", known.Select(c => "(" + c + ")")),
        };
    }

    private static string? Any(List<string?> conditions) =>
        conditions.Count == 0 || conditions.Any(c => c is null) ? null
        : conditions.Count == 1 ? conditions[0]
        : string.Join(" | ", conditions.Distinct().Select(c => "(" + c + ")"));
}
