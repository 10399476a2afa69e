using MediaMonitor.Text.Querying;

namespace MediaMonitor.Alerting.Matching;

/// <summary>
/// The presearcher's view of a query (as in Luwak): a set of index keys, at least one of which every matching article
/// contains. Words and phrases give their rarest word, an AND its cheapest clause, an OR the union of its clauses'
/// keys; NOT contributes nothing. Keys: a word as is, "t:" + a title word, "s:" + an outlet word, "e:" + an entity name,
/// "l:" + a language; prefixes (namespaced the same way) go to a separate list.
/// </summary>
public sealed record QueryAnchors(IReadOnlyList<string> Terms, IReadOnlyList<string> Prefixes, double Cost)
{
    public const string TitleKey = "t:";
    public const string SourceKey = "s:";
    public const string EntityKey = "e:";
    public const string LanguageKey = "l:";

    // An outlet publishes a large share of all articles, so any content word is a better anchor than an outlet's word.
    private const double OutletWordCost = 0.25;

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
        TermQuery t => Term(t.Field, t.Term),
        PrefixQuery p => new QueryAnchors([], [Key(p.Field, p.Prefix)], p.Field == QueryField.Source ? OutletWordCost : FieldShare(p.Field) * PrefixCost(p.Prefix)),
        PhraseQuery p => p.Terms.Select(term => Term(p.Field, term)).MinBy(a => a.Cost),
        NearQuery n => Cheaper(For(n.Left), For(n.Right)),
        AndQuery a => a.Clauses.Select(For).Where(c => c is not null).MinBy(c => c!.Cost),
        OrQuery o => Union(o.Clauses.Select(For).ToList()),
        EntityQuery e => new QueryAnchors([EntityKey + e.Name], [], Math.Pow(2, -12)),
        LanguageQuery l => new QueryAnchors([LanguageKey + l.Language], [], 1.0),
        _ => null,
    };

    /// <summary>
    /// The anchor sets every matching article satisfies at once, cheapest first: one per clause of an AND, per word of a
    /// phrase, per side of a NEAR, and the query's own anchors otherwise (an OR's union); NOT gives none. The index
    /// files a query under its anchors and, before evaluating a candidate, checks that the article holds one key of the
    /// next cheapest set.
    /// </summary>
    public static IReadOnlyList<QueryAnchors> Groups(Query query)
    {
        var found = new List<QueryAnchors>();
        CollectGroups(query, found);
        return [.. found.OrderBy(g => g.Cost)];
    }

    private static void CollectGroups(Query query, List<QueryAnchors> found)
    {
        switch (query)
        {
            case PhraseQuery p:
                found.AddRange(p.Terms.Select(term => Term(p.Field, term)));
                break;
            case NearQuery n:
                CollectGroups(n.Left, found);
                CollectGroups(n.Right, found);
                break;
            case AndQuery a:
                a.Clauses.ToList().ForEach(c => CollectGroups(c, found));
                break;
            default:
                if (For(query) is { } anchors)
                {
                    found.Add(anchors);
                }

                break;
        }
    }

    /// <summary>
    /// Whether an article holding any of the query's anchors surely matches it (a word, a wildcard, an outlet word, a
    /// language, an entity of any kind, or an OR of these), so a candidate needs no check.
    /// </summary>
    public static bool ImpliesMatch(Query query) => query switch
    {
        _ when IsPresenceTest(query) => true,
        PhraseQuery p => p.Terms.Count == 1,
        EntityQuery e => e.Kind == EntityFilter.Any,
        OrQuery o => o.Clauses.All(ImpliesMatch),
        _ => false,
    };

    /// <summary>Whether a query only asks that the article has one feature (a word, a wildcard, a language).</summary>
    public static bool IsPresenceTest(Query query) => query is TermQuery or PrefixQuery or LanguageQuery;

    private static QueryAnchors Term(QueryField field, string term) => new([Key(field, term)], [], field == QueryField.Source ? OutletWordCost : FieldShare(field) * TermCost(term));

    /// <summary>The namespaced key of a word or prefix in a field.</summary>
    public static string Key(QueryField field, string term) => field switch
    {
        QueryField.Title => TitleKey + term,
        QueryField.Source => SourceKey + term,
        _ => term,
    };

    /// <summary>
    /// Without corpus statistics: longer words are rarer and the commonest function words are worst.
    /// </summary>
    private static double TermCost(string term) => CommonWords.Contains(term) ? 1.0 : Math.Pow(2, -Math.Min(term.Length, 16));

    /// <summary>A title holds a few words of an article, so a word is much rarer in titles than in texts.</summary>
    private static double FieldShare(QueryField field) => field == QueryField.Title ? 1.0 / 16 : 1.0;

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
