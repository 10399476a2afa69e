using MediaMonitor.Text.Querying;

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

    /// <summary>Reads a program's first instruction (to bring it into cache); a negative entry is ignored.</summary>
    public void Touch(int pc)
    {
        if (pc >= 0)
        {
            Sink ^= _frozen[pc + 2];
        }
    }

    /// <summary>Where <see cref="Touch"/> puts what it reads, so the read is not optimized away.</summary>
    public int Sink { get; private set; }

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

    private static bool HasPositions(PositionalQuery query) => query is TermQuery or PrefixQuery or PhraseQuery;

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
