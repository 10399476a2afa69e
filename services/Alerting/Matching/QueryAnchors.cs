using MediaMonitor.Text.Querying;

namespace MediaMonitor.Alerting.Matching;

/// <summary>
/// The presearcher's view of a query (as in Luwak): a set of index keys, at least one of which every matching article
/// contains. Words and phrases give their rarest word, an AND its cheapest clause, an OR the union of its clauses'
/// keys; NOT contributes nothing. Keys: a word as is, "s:" + an outlet word, "e:" + an entity name, "l:" + a language;
/// prefixes go to a separate list.
/// </summary>
public sealed record QueryAnchors(IReadOnlyList<string> Terms, IReadOnlyList<string> Prefixes, double Cost)
{
    public const string SourceKey = "s:";
    public const string EntityKey = "e:";
    public const string LanguageKey = "l:";

    private static readonly HashSet<string> CommonWords = new(StringComparer.Ordinal)
    {
        "the", "a", "an", "and", "or", "of", "to", "in", "on", "for", "with", "at", "by", "from", "is", "was", "are", "were",
        "be", "been", "it", "its", "that", "this", "as", "he", "she", "they", "we", "you", "i", "his", "her", "their", "not",
        "but", "has", "have", "had", "will", "would", "said", "says", "new", "more", "also", "after", "over", "than", "who",
        "which", "one", "two", "about", "up", "out", "into", "there", "been", "could", "can", "all", "s", "t", "mr", "year",
    };

    /// <summary>The anchors of a query, or null when some matching article may contain none of its words (a clause only NOT).</summary>
    public static QueryAnchors? For(Query query) => query switch
    {
        TermQuery t => Term(Key(t.Field, t.Term)),
        PrefixQuery p => new QueryAnchors([], [Key(p.Field, p.Prefix)], PrefixCost(p.Prefix)),
        PhraseQuery p => p.Terms.Select(term => Term(Key(p.Field, term))).MinBy(a => a.Cost),
        NearQuery n => Cheaper(For(n.Left), For(n.Right)),
        AndQuery a => a.Clauses.Select(For).Where(c => c is not null).MinBy(c => c!.Cost),
        OrQuery o => Union(o.Clauses.Select(For).ToList()),
        EntityQuery e => new QueryAnchors([EntityKey + e.Name], [], Math.Pow(2, -12)),
        LanguageQuery l => new QueryAnchors([LanguageKey + l.Language], [], 1.0),
        _ => null,
    };

    private static QueryAnchors Term(string key) => new([key], [], TermCost(key));

    private static string Key(QueryField field, string term) => field == QueryField.Source ? SourceKey + term : term;

    /// <summary>
    /// Without corpus statistics: longer words are rarer, the commonest function words are worst, and an outlet's words
    /// are common (an outlet publishes a large share of all articles), so any content word is a better anchor.
    /// </summary>
    private static double TermCost(string key) =>
        key.StartsWith(SourceKey, StringComparison.Ordinal) ? 0.25
        : CommonWords.Contains(key) ? 1.0
        : Math.Pow(2, -Math.Min(key.Length, 16));

    private static double PrefixCost(string prefix) => Math.Min(1.0, 16 * Math.Pow(2, -Math.Min(prefix.Length, 16)));

    private static QueryAnchors? Cheaper(QueryAnchors? a, QueryAnchors? b) =>
        a is null ? b : b is null ? a : (b.Cost < a.Cost ? b : a);

    private static QueryAnchors? Union(List<QueryAnchors?> clauses) => clauses.Any(c => c is null)
        ? null
        : new QueryAnchors(
            [.. clauses.SelectMany(c => c!.Terms).Distinct(StringComparer.Ordinal)],
            [.. clauses.SelectMany(c => c!.Prefixes).Distinct(StringComparer.Ordinal)],
            clauses.Sum(c => c!.Cost));
}
