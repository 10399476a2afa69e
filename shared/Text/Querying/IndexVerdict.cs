namespace MediaMonitor.Text.Querying;

/// <summary>
/// Decides a query for one article without reading its text, where that is provably the matcher's answer, from what its
/// read-model row holds: whether each of <see cref="Probes"/> is a lexeme of its search vector (the <see cref="SearchTokens"/>
/// of title, text, outlet, host and entities), the tokens of everything but title and text, and a
/// <see cref="MatchDocument"/> of the same article with empty title and text (outlet, host, entities and language are
/// matched by the matcher itself). A word of title or text is known present when its token is the word itself (plain)
/// and comes from nowhere but title and text; any word is known absent when its token is not in the vector, since
/// the same function made both. Clauses combine in three-valued logic; null means only the text can decide, and the
/// caller runs the matcher on the whole article.
/// </summary>
public sealed class IndexVerdict
{
    private readonly Query _query;
    private readonly Dictionary<string, int> _probeSlots = new(StringComparer.Ordinal);
    private readonly List<string> _probes = [];

    public IndexVerdict(Query query)
    {
        ArgumentNullException.ThrowIfNull(query);
        _query = query;
        Collect(query);
        Decisive = IsDecisive(query);
    }

    /// <summary>
    /// Whether a row can decide a candidate at all: the query has a plain word of the text, or an outlet, entity or
    /// language clause, outside NEAR and phrases. Without one, every candidate the prefilter finds needs its text.
    /// </summary>
    public bool Decisive { get; }

    /// <summary>The tokens whose presence in an article's search vector <see cref="Decide"/> reads, in slot order.</summary>
    public IReadOnlyList<string> Probes => _probes;

    /// <summary>
    /// True or false when the row decides the query (the matcher would say the same over the whole article), null when
    /// the text must. <paramref name="present"/>[i]: whether <see cref="Probes"/>[i] is in the vector;
    /// <paramref name="outsideText"/>: whether a token comes from the outlet, host or entities.
    /// </summary>
    /// <remarks><paramref name="withoutText"/> is called only when a clause needs the document, at most once.</remarks>
    public bool? Decide(Func<MatchDocument> withoutText, IReadOnlyList<bool> present, Func<string, bool> outsideText)
    {
        ArgumentNullException.ThrowIfNull(withoutText);
        ArgumentNullException.ThrowIfNull(present);
        ArgumentNullException.ThrowIfNull(outsideText);
        return Evaluate(_query, new Row(withoutText, present, outsideText));
    }

    private static bool IsDecisive(Query query) => query switch
    {
        EntityQuery or LanguageQuery or PositionalQuery { Field: QueryField.Source } => true,
        TermQuery { Field: QueryField.Text } t => IsPlain(t.Term),
        AndQuery a => a.Clauses.Any(IsDecisive),
        OrQuery o => o.Clauses.Any(IsDecisive),
        NotQuery n => IsDecisive(n.Clause),
        _ => false,
    };

    private bool? Evaluate(Query query, Row row) => query switch
    {
        EntityQuery or LanguageQuery => query.Matches(row.WithoutText),
        PositionalQuery { Field: QueryField.Source } => query.Matches(row.WithoutText),
        NearQuery { Left.Field: QueryField.Source, Right.Field: QueryField.Source } => query.Matches(row.WithoutText),
        TermQuery { Field: QueryField.Text } t => !Present(t.Term, row) ? false : IsPlain(t.Term) && !row.OutsideText(t.Term) ? true : (bool?)null,
        NearQuery n => Possible(n.Left, row) && Possible(n.Right, row) ? null : (bool?)false,
        PositionalQuery p => Possible(p, row) ? null : (bool?)false,
        AndQuery a => All(a.Clauses, row),
        OrQuery o => Any(o.Clauses, row),
        NotQuery n => !Evaluate(n.Clause, row),
        _ => null,
    };

    /// <summary>False only when the clause cannot occur: a word of it is not in the vector (or a source clause does not match).</summary>
    private bool Possible(PositionalQuery query, Row row) => query switch
    {
        { Field: QueryField.Source } => query.Matches(row.WithoutText),
        TermQuery t => Present(t.Term, row),
        PhraseQuery p => p.Terms.All(term => Present(term, row)),
        _ => true,
    };

    private bool? All(IReadOnlyList<Query> clauses, Row row)
    {
        bool? result = true;
        foreach (var clause in clauses)
        {
            var value = Evaluate(clause, row);
            if (value == false)
            {
                return false;
            }

            result = value is null ? null : result;
        }

        return result;
    }

    private bool? Any(IReadOnlyList<Query> clauses, Row row)
    {
        bool? result = false;
        foreach (var clause in clauses)
        {
            var value = Evaluate(clause, row);
            if (value == true)
            {
                return true;
            }

            result = value is null ? null : result;
        }

        return result;
    }

    private bool Present(string term, Row row) => row.Present[_probeSlots[SearchTokens.Of(term)]];

    /// <summary>A plain term is its own token, and no other term's token (hashed tokens start with x, plain ones never do).</summary>
    private static bool IsPlain(string term) => string.Equals(SearchTokens.Of(term), term, StringComparison.Ordinal);

    private void Collect(Query query)
    {
        switch (query)
        {
            case PositionalQuery { Field: QueryField.Source }:
                break;
            case TermQuery t:
                Probe(t.Term);
                break;
            case PhraseQuery p:
                foreach (var term in p.Terms)
                {
                    Probe(term);
                }

                break;
            case NearQuery n:
                Collect(n.Left);
                Collect(n.Right);
                break;
            case AndQuery a:
                a.Clauses.ToList().ForEach(Collect);
                break;
            case OrQuery o:
                o.Clauses.ToList().ForEach(Collect);
                break;
            case NotQuery n:
                Collect(n.Clause);
                break;
        }
    }

    private void Probe(string term)
    {
        var token = SearchTokens.Of(term);
        if (_probeSlots.TryAdd(token, _probes.Count))
        {
            _probes.Add(token);
        }
    }

    private sealed class Row(Func<MatchDocument> withoutText, IReadOnlyList<bool> present, Func<string, bool> outsideText)
    {
        private MatchDocument? _withoutText;

        public MatchDocument WithoutText => _withoutText ??= withoutText();

        public IReadOnlyList<bool> Present => present;

        public Func<string, bool> OutsideText => outsideText;
    }
}
