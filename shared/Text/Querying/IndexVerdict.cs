namespace MediaMonitor.Text.Querying;

/// <summary>
/// Decides a query for one article without reading its text, where that is provably the matcher's answer, from what its
/// read-model row holds: whether each of <see cref="Probes"/> is a lexeme of its search vector (the <see cref="SearchTokens"/>
/// of title, text, outlet, host and entities), the tokens of everything but title and text, and a
/// <see cref="MatchDocument"/> of the same article with empty title and text (outlet, host, entities and language are
/// matched by the matcher itself). A word of title or text is known present when its token is the word itself (plain)
/// and comes from nowhere but title and text; any word is known absent when its token is not in the vector, since
/// the same function made both. A phrase or NEAR of the text is decided by the vector's word positions where the row
/// has the matcher's exact positions (<see cref="SearchPrefilter.Positional"/>). Clauses combine in three-valued logic;
/// null means only the text can decide, and the caller runs the matcher on the whole article.
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
    /// Whether a row can decide a candidate at all: the query has a plain word of the text, an outlet, entity or
    /// language clause, or a phrase or NEAR with a positional form. Without one, every candidate the prefilter finds needs its text.
    /// </summary>
    public bool Decisive { get; }

    /// <summary>
    /// The tsqueries (mostly single tokens; also <see cref="SearchTokens.ExactPositions"/> and positional guards) whose
    /// truth over an article's search vector <see cref="Decide"/> reads, in slot order.
    /// </summary>
    public IReadOnlyList<string> Probes => _probes;

    /// <summary>
    /// True or false when the row decides the query (the matcher would say the same over the whole article), null when
    /// the text must. <paramref name="present"/>[i]: whether the vector satisfies <see cref="Probes"/>[i];
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
        NearQuery or PhraseQuery => SearchPrefilter.Positional(query) is not null,
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
        NearQuery n => Possible(n.Left, row) && Possible(n.Right, row) ? ByPositions(n, [n.Left, n.Right], row) : false,
        PhraseQuery p => Possible(p, row) ? ByPositions(p, [p], row) : false,
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

    /// <summary>
    /// A phrase or NEAR of the text whose words the row holds, decided by the vector's word positions where they are the
    /// matcher's (<see cref="SearchTokens.ExactPositions"/>): false when they rule it out; true when they show it and
    /// every word is plain (a hashed token could stand for another word); null otherwise, or without exact positions.
    /// </summary>
    private bool? ByPositions(Query query, PositionalQuery[] operands, Row row)
    {
        if (SearchPrefilter.PositionalGuard(query) is not { } guard || !Holds(SearchTokens.ExactPositions, row))
        {
            return null;
        }

        // With exact positions the guard holds exactly when the positions do.
        return !Holds(guard, row) ? false
            : operands.All(o => o is TermQuery t ? IsPlain(t.Term) : o is PhraseQuery p && p.Terms.All(IsPlain)) ? true : null;
    }

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

    private bool Present(string term, Row row) => Holds(SearchTokens.Of(term), row);

    /// <summary>Whether the row's vector satisfies a probe as it is (a token, the exact-positions lexeme, a guard).</summary>
    private bool Holds(string probe, Row row) => row.Present[_probeSlots[probe]];

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

                ProbePositions(p);
                break;
            case NearQuery n:
                Collect(n.Left);
                Collect(n.Right);
                ProbePositions(n);
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

    private void Probe(string term) => Add(SearchTokens.Of(term));

    /// <summary>A phrase or NEAR decided by positions reads whether the row has exact positions, and its guard.</summary>
    private void ProbePositions(Query query)
    {
        if (SearchPrefilter.PositionalGuard(query) is { } guard)
        {
            Add(SearchTokens.ExactPositions);
            Add(guard);
        }
    }

    private void Add(string probe)
    {
        if (_probeSlots.TryAdd(probe, _probes.Count))
        {
            _probes.Add(probe);
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
