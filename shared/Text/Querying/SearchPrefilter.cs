namespace MediaMonitor.Text.Querying;

/// <summary>
/// A PostgreSQL tsquery (over <see cref="SearchTokens"/>) every article matching a query satisfies: a necessary
/// condition, never a sufficient one, so the exact matcher still decides each candidate. Words and phrases require their
/// words, AND all its clauses' conditions, OR the union, an entity the words of its name (its names' words are in the
/// article's entity tokens); NOT, prefixes and languages add no condition. Null: no condition at all (every article is
/// a candidate).
/// </summary>
public static class SearchPrefilter
{
    public static string? For(Query query) => query switch
    {
        TermQuery t => SearchTokens.Of(t.Term),
        PhraseQuery p => All(p.Terms.Select(term => (string?)SearchTokens.Of(term))),
        NearQuery n => All([For(n.Left), For(n.Right)]),
        AndQuery a => All(a.Clauses.Select(For)),
        OrQuery o => Any(o.Clauses.Select(For).ToList()),
        EntityQuery e => All(e.Name.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(word => (string?)SearchTokens.Of(word))),
        _ => null,
    };

    /// <summary>
    /// The tokens every article satisfying <see cref="For"/>'s tsquery holds: a word's, a phrase's, an entity name's
    /// words; all of AND's and NEAR's clauses', only those every clause of an OR requires; none under NOT or from a prefix
    /// or a language. A row the prefilter found holds these without probing its vector.
    /// </summary>
    public static IReadOnlySet<string> Required(Query query) => query switch
    {
        TermQuery t => new HashSet<string>(StringComparer.Ordinal) { SearchTokens.Of(t.Term) },
        PhraseQuery p => p.Terms.Select(term => SearchTokens.Of(term)).ToHashSet(StringComparer.Ordinal),
        NearQuery n => Required(n.Left).Union(Required(n.Right)).ToHashSet(StringComparer.Ordinal),
        AndQuery a => a.Clauses.SelectMany(Required).ToHashSet(StringComparer.Ordinal),
        OrQuery o => o.Clauses.Select(Required).Aggregate((left, right) => left.Intersect(right).ToHashSet(StringComparer.Ordinal)),
        EntityQuery e => e.Name.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(word => SearchTokens.Of(word)).ToHashSet(StringComparer.Ordinal),
        _ => new HashSet<string>(StringComparer.Ordinal),
    };

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
