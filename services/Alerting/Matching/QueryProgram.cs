using MediaMonitor.Text.Querying;
using MediaMonitor.Text;

namespace MediaMonitor.Alerting.Matching;

/// <summary>
/// Queries compiled into one flat array of instructions over feature ids, so checking a candidate walks a few adjacent
/// ints instead of an object tree and asks "does the article have feature f" by an array read instead of a hash lookup.
/// Node layout: [op, end, operands..., children...]; end is the index just past the node, so AND/OR/NOT skip children
/// without walking them. Evaluates exactly what <see cref="Query.Matches"/> evaluates.
/// </summary>
internal sealed class QueryProgram
{
    private const int OpTerm = 1;      // [op, end, field, feature]
    private const int OpPrefix = 2;    // [op, end, field, feature]
    private const int OpPhrase = 3;    // [op, end, field, n, feature...]
    private const int OpNear = 4;      // [op, end, distance, left, right]
    private const int OpAnd = 5;       // [op, end, child...]
    private const int OpOr = 6;        // [op, end, child...]
    private const int OpNot = 7;       // [op, end, child]
    private const int OpEntity = 8;    // [op, end, feature, kind mask]
    private const int OpLanguage = 9;  // [op, end, feature]
    private const int OpTree = 10;     // [op, end, index into _fallback]: a query type this compiler does not know
    private const int OpAll = 11;      // [op, end, present count, feature..., absent feature...]: an AND of presence tests
    private const int OpAny = 12;      // [op, end, feature...]: an OR of presence tests

    private readonly List<int> _code = new(1 << 16);
    private readonly List<Query> _fallback = [];
    private readonly FeatureVocabulary _vocabulary;
    private int[] _frozen = [];

    public QueryProgram(FeatureVocabulary vocabulary) => _vocabulary = vocabulary;

    /// <summary>Compiles a query and returns its entry point.</summary>
    public int Add(Query query)
    {
        var entry = _code.Count;
        Emit(query);
        return entry;
    }

    public void Freeze() => _frozen = [.. _code];

    /// <summary>Asks for a program's first instructions to be brought into cache; a negative entry is ignored.</summary>
    public void Touch(int pc)
    {
        if (pc >= 0)
        {
            CachePrefetch.Line(ref _frozen[pc]);
        }
    }

    public bool Matches(int pc, MatchDocument document, DocumentFeatures features)
    {
        var code = _frozen;
        switch (code[pc])
        {
            case OpTerm:
            case OpPrefix:
                return features.Has(code[pc + 3]);
            case OpLanguage:
                return features.Has(code[pc + 2]);
            case OpEntity:
                return features.Has(code[pc + 2]) && (features.Value(code[pc + 2]) & code[pc + 3]) != 0;
            case OpPhrase:
                return PhraseMatches(code, pc, document, features, null);
            case OpAnd:
                for (int child = pc + 2, end = code[pc + 1]; child < end; child = code[child + 1])
                {
                    if (!Matches(child, document, features))
                    {
                        return false;
                    }
                }

                return true;
            case OpOr:
                for (int child = pc + 2, end = code[pc + 1]; child < end; child = code[child + 1])
                {
                    if (Matches(child, document, features))
                    {
                        return true;
                    }
                }

                return false;
            case OpNot:
                return !Matches(pc + 2, document, features);
            case OpAll:
                return AllHold(code, pc, features);
            case OpAny:
                return AnyPresent(code, pc, features);
            case OpNear:
                return NearMatches(code, pc, document, features);
            case OpTree:
                return _fallback[code[pc + 2]].Matches(document);
            default:
                throw new InvalidOperationException($"Unknown instruction {code[pc]} at {pc}.");
        }
    }

    private void Emit(Query query)
    {
        var start = _code.Count;
        switch (query)
        {
            case TermQuery t:
                _code.AddRange([OpTerm, 0, (int)t.Field, _vocabulary.Term(QueryAnchors.Key(t.Field, t.Term))]);
                break;
            case PrefixQuery p:
                _code.AddRange([OpPrefix, 0, (int)p.Field, _vocabulary.Prefix(QueryAnchors.Key(p.Field, p.Prefix))]);
                break;
            case PhraseQuery p:
                _code.AddRange([OpPhrase, 0, (int)p.Field, p.Terms.Count]);
                foreach (var term in p.Terms)
                {
                    var feature = _vocabulary.Term(QueryAnchors.Key(p.Field, term));
                    _vocabulary.NeedsValue(feature);
                    _code.Add(feature);
                }

                break;
            case NearQuery n when HasPositions(n.Left) && HasPositions(n.Right):
                _code.AddRange([OpNear, 0, n.Distance]);
                Emit(n.Left);
                Emit(n.Right);
                foreach (var operand in new[] { start + 3, _code[start + 4] })
                {
                    if (_code[operand] is OpTerm or OpPrefix)
                    {
                        _vocabulary.NeedsValue(_code[operand + 3]);
                    }
                }

                break;
            case AndQuery a when Presence(a) is { } tests:
                var present = tests.Where(t => t.Present).Select(t => t.Feature).ToList();
                _code.AddRange([OpAll, 0, present.Count, .. present, .. tests.Where(t => !t.Present).Select(t => t.Feature)]);
                break;
            case OrQuery o when o.Clauses.All(QueryAnchors.IsPresenceTest):
                _code.AddRange([OpAny, 0, .. o.Clauses.Select(PresenceFeature)]);
                break;
            case AndQuery a:
                _code.AddRange([OpAnd, 0]);
                a.Clauses.ToList().ForEach(Emit);
                break;
            case OrQuery o:
                _code.AddRange([OpOr, 0]);
                o.Clauses.ToList().ForEach(Emit);
                break;
            case NotQuery n:
                _code.AddRange([OpNot, 0]);
                Emit(n.Clause);
                break;
            case EntityQuery e:
                _code.AddRange([OpEntity, 0, _vocabulary.Term(QueryAnchors.EntityKey + e.Name), MatchDocument.FilterMask(e.Kind)]);
                _vocabulary.NeedsValue(_code[start + 2]);
                break;
            case LanguageQuery l:
                _code.AddRange([OpLanguage, 0, _vocabulary.Term(QueryAnchors.LanguageKey + l.Language)]);
                break;
            default:
                _code.AddRange([OpTree, 0, _fallback.Count]);
                _fallback.Add(query);
                break;
        }

        _code[start + 1] = _code.Count;
    }

    private static bool AllHold(int[] code, int pc, DocumentFeatures features)
    {
        var absentFrom = pc + 3 + code[pc + 2];
        for (var k = pc + 3; k < absentFrom; k++)
        {
            if (!features.Has(code[k]))
            {
                return false;
            }
        }

        for (int k = absentFrom, end = code[pc + 1]; k < end; k++)
        {
            if (features.Has(code[k]))
            {
                return false;
            }
        }

        return true;
    }

    private static bool AnyPresent(int[] code, int pc, DocumentFeatures features)
    {
        for (int k = pc + 2, end = code[pc + 1]; k < end; k++)
        {
            if (features.Has(code[k]))
            {
                return true;
            }
        }

        return false;
    }

    private static bool HasPositions(PositionalQuery query) => query is TermQuery or PrefixQuery or PhraseQuery;

    private int PresenceFeature(Query query) => query switch
    {
        TermQuery t => _vocabulary.Term(QueryAnchors.Key(t.Field, t.Term)),
        PrefixQuery p => _vocabulary.Prefix(QueryAnchors.Key(p.Field, p.Prefix)),
        LanguageQuery l => _vocabulary.Term(QueryAnchors.LanguageKey + l.Language),
        _ => throw new ArgumentException($"{query} is no presence test.", nameof(query)),
    };

    /// <summary>
    /// An AND as features that must be present and features that must be absent, when every clause is a presence test,
    /// the NOT of one, or the NOT of an OR of them (NOT (a OR b) is NOT a AND NOT b); null otherwise.
    /// </summary>
    private List<(int Feature, bool Present)>? Presence(AndQuery query)
    {
        var tests = new List<(int Feature, bool Present)>();
        foreach (var clause in query.Clauses)
        {
            switch (clause)
            {
                case var c when QueryAnchors.IsPresenceTest(c):
                    tests.Add((PresenceFeature(c), true));
                    break;
                case NotQuery { Clause: var inner } when QueryAnchors.IsPresenceTest(inner):
                    tests.Add((PresenceFeature(inner), false));
                    break;
                case NotQuery { Clause: OrQuery or } when or.Clauses.All(QueryAnchors.IsPresenceTest):
                    tests.AddRange(or.Clauses.Select(c => (PresenceFeature(c), false)));
                    break;
                default:
                    return null;
            }
        }

        return tests;
    }

    private static bool PhraseMatches(int[] code, int pc, MatchDocument document, DocumentFeatures features, List<(int Start, int End)>? spans)
    {
        var n = code[pc + 3];
        for (var k = 0; k < n; k++)
        {
            if (!features.Has(code[pc + 4 + k]))
            {
                return false;
            }
        }

        var field = document.Field((QueryField)code[pc + 2]);
        var found = false;
        foreach (var start in field.PositionsAt(features.Value(code[pc + 4])))
        {
            var follows = true;
            for (var k = 1; k < n && follows; k++)
            {
                follows = field.PositionsAt(features.Value(code[pc + 4 + k])).BinarySearch(start + k) >= 0;
            }

            if (follows)
            {
                if (spans is null)
                {
                    return true;
                }

                spans.Add((start, start + n - 1));
                found = true;
            }
        }

        return found;
    }

    private bool NearMatches(int[] code, int pc, MatchDocument document, DocumentFeatures features)
    {
        var left = pc + 3;
        var right = code[left + 1];
        if (!Matches(left, document, features) || !Matches(right, document, features))
        {
            return false;
        }

        var leftSpans = features.LeftSpans;
        var rightSpans = features.RightSpans;
        leftSpans.Clear();
        rightSpans.Clear();
        CollectSpans(code, left, document, features, leftSpans);
        CollectSpans(code, right, document, features, rightSpans);
        var distance = code[pc + 2];
        foreach (var a in leftSpans)
        {
            foreach (var b in rightSpans)
            {
                var between = a.End < b.Start ? b.Start - a.End - 1 : b.End < a.Start ? a.Start - b.End - 1 : 0;
                if (between <= distance)
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static void CollectSpans(int[] code, int pc, MatchDocument document, DocumentFeatures features, List<(int Start, int End)> spans)
    {
        switch (code[pc])
        {
            case OpTerm:
                foreach (var p in document.Field((QueryField)code[pc + 2]).PositionsAt(features.Value(code[pc + 3])))
                {
                    spans.Add((p, p));
                }

                break;
            case OpPrefix:
                var field = document.Field((QueryField)code[pc + 2]);
                for (var link = features.Value(code[pc + 3]); link >= 0; link = features.NextLink(link))
                {
                    foreach (var p in field.PositionsAt(features.LinkSlot(link)))
                    {
                        spans.Add((p, p));
                    }
                }

                break;
            case OpPhrase:
                PhraseMatches(code, pc, document, features, spans);
                break;
            default:
                throw new InvalidOperationException($"Instruction {code[pc]} has no positions.");
        }
    }
}
