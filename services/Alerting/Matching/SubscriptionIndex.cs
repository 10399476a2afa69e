using System.Runtime.InteropServices;
using MediaMonitor.Text.Querying;
using MediaMonitor.Text;

namespace MediaMonitor.Alerting.Matching;

/// <summary>
/// A stored-query index (a presearcher in the manner of Luwak): each query is filed under the features it requires
/// (<see cref="QueryAnchors"/>), so an article is evaluated only against the queries whose anchors it contains, and each
/// candidate is checked by its compiled form (<see cref="QueryProgram"/>) against the article's features, looked up
/// once per article. The result equals evaluating every query with <see cref="Query.Matches"/>.
/// Immutable once built, so matching needs no locks (each thread has its own scratch).
/// </summary>
public sealed class SubscriptionIndex<T>
{
    private readonly T[] _items;
    private readonly FeatureVocabulary _vocabulary = new();
    private readonly QueryProgram _program;
    /// <summary>Per query its compiled entry point, or -1 when holding an anchor implies a match.</summary>
    private readonly int[] _entries;
    private readonly int[] _postings;
    private readonly int[] _alwaysCheck;
    private readonly int[] _groups;
    private readonly ulong[] _valued;

    public SubscriptionIndex(IReadOnlyList<T> items, Func<T, Query> query)
    {
        _items = [.. items];
        _program = new QueryProgram(_vocabulary);
        _entries = new int[_items.Length];
        var postings = new List<List<int>?>();
        var always = new List<int>();
        var pool = new List<int>();
        for (var i = 0; i < _items.Length; i++)
        {
            var q = query(_items[i]);
            var entry = _program.Add(q);
            var anchors = QueryAnchors.For(q);
            _entries[i] = anchors is not null && QueryAnchors.ImpliesMatch(q) ? -1 : entry;
            if (anchors is null)
            {
                always.Add(i);
                continue;
            }

            var second = SecondCheck(q, anchors, pool);
            if (second >= 0 && q is AndQuery { Clauses: [var left, var right] } && QueryAnchors.IsPresenceTest(left) && QueryAnchors.IsPresenceTest(right))
            {
                // An AND of two presence tests is settled while its postings are read: the anchor is one clause, the
                // second check the other.
                _entries[i] = -1;
            }

            foreach (var key in anchors.Terms)
            {
                File(postings, _vocabulary.Term(key), i, second);
            }

            foreach (var key in anchors.Prefixes)
            {
                File(postings, _vocabulary.Prefix(key), i, second);
            }
        }

        _program.Freeze();
        _valued = _vocabulary.ValuedBits();
        // All postings in one array, a feature's as [pairs, query, second, query, second...]; where each starts is kept
        // in the vocabulary's table beside the feature, so an anchor costs no separate lookup.
        var starts = new int[_vocabulary.Count];
        var flat = new List<int>();
        for (var f = 0; f < _vocabulary.Count; f++)
        {
            starts[f] = -1;
            if (f < postings.Count && postings[f] is { } pairs)
            {
                starts[f] = flat.Count;
                flat.Add(pairs.Count / 2);
                flat.AddRange(pairs);
            }
        }

        _vocabulary.AttachPostings(starts);
        _postings = [.. flat];

        _alwaysCheck = [.. always];
        _groups = [.. pool];
    }

    public int Count => _items.Length;

    /// <summary>Queries that must be evaluated for every article (none when every query requires something).</summary>
    public int UnindexedCount => _alwaysCheck.Length;

    /// <summary>The items whose query the document satisfies, in the order they were given.</summary>
    /// <remarks>
    /// Candidates are checked in stages (read every entry point, then every program's first instruction, then
    /// evaluate), so the cache misses of one candidate overlap those of the next instead of following them.
    /// </remarks>
    public List<T> Match(MatchDocument document)
    {
        var features = Prepare(document);
        var candidates = features.CandidateList;
        features.TakeCandidates(_items.Length, candidates);
        var n = candidates.Count;
        var ids = CollectionsMarshal.AsSpan(candidates);
        var entries = features.CandidateEntries(n);
        for (var k = 0; k < n; k++)
        {
            CachePrefetch.Line(ref _entries[ids[k]]);
            CachePrefetch.Line(ref _items[ids[k]]);
        }

        for (var k = 0; k < n; k++)
        {
            entries[k] = _entries[ids[k]];
        }

        for (var k = 0; k < n; k++)
        {
            _program.Touch(entries[k]);
        }

        var matched = new List<T>(n);
        for (var k = 0; k < n; k++)
        {
            if (entries[k] < 0 || _program.Matches(entries[k], document, features))
            {
                matched.Add(_items[ids[k]]);
            }
        }

        return matched;
    }

    /// <summary>The positions of the queries the document may satisfy, ascending and distinct.</summary>
    public List<int> Candidates(MatchDocument document)
    {
        var found = new List<int>();
        Prepare(document).TakeCandidates(_items.Length, found);
        return found;
    }

    /// <summary>Looks up the document's features and sets the candidate bit of every query anchored on one of them.</summary>
    private DocumentFeatures Prepare(MatchDocument document)
    {
        var features = DocumentFeatures.Begin(_vocabulary.Count, _items.Length);
        foreach (var i in _alwaysCheck)
        {
            features.Candidates[i >> 6] |= 1UL << (i & 63);
        }

        MarkField(document.Text, FeatureSpace.Text, features);
        MarkField(document.Title, FeatureSpace.Title, features);
        MarkField(document.Source, FeatureSpace.Source, features);
        foreach (var (name, kinds) in document.EntityKinds)
        {
            var feature = _vocabulary.FindTerm(FeatureSpace.Entity, name, out var postings);
            if (feature >= 0 && features.Mark(feature, kinds))
            {
                AddCandidates(postings, features);
            }
        }

        if (document.Language is { } language
            && _vocabulary.FindTerm(FeatureSpace.Language, language, out var languagePostings) is var lang and >= 0
            && features.Mark(lang, 0))
        {
            AddCandidates(languagePostings, features);
        }

        ReadPostings(features);
        return features;
    }

    private void MarkField(DocumentField field, FeatureSpace space, DocumentFeatures features)
    {
        var lookups = features.Lookups;
        lookups.Clear();
        for (var slot = 0; slot < field.Count; slot++)
        {
            _vocabulary.Queue(lookups, space, field.TermAt(slot), field.HashAt(slot), slot);
        }

        _vocabulary.Resolve(lookups, field);
        var found = lookups.Entries;
        for (var i = 0; i < lookups.Count; i++)
        {
            var feature = found[i];
            if (feature < 0)
            {
                continue;
            }

            var slot = lookups.Slots[i];
            var marked = !IsValued(feature) ? features.MarkPresent(feature)
                : lookups.IsPrefix[i] ? features.AddPrefixWord(feature, slot)
                : features.Mark(feature, slot);
            if (marked)
            {
                AddCandidates(lookups.Postings[i], features);
            }
        }
    }

    private bool IsValued(int feature) => (_valued[feature >> 6] & (1UL << feature)) != 0;

    /// <summary>Notes an anchor's postings to read (-1: the feature anchors no query).</summary>
    private static void AddCandidates(int postings, DocumentFeatures features)
    {
        if (postings >= 0)
        {
            features.Anchored.Add(postings);
        }
    }

    /// <summary>
    /// Reads the postings of every anchor the article holds, keeping the queries whose second check passes; in two
    /// passes (every list's head, then the lists) so the cache misses overlap.
    /// </summary>
    private void ReadPostings(DocumentFeatures features)
    {
        var candidates = features.Candidates;
        var anchored = CollectionsMarshal.AsSpan(features.Anchored);
        var pairs = _postings;
        foreach (var start in anchored)
        {
            CachePrefetch.Line(ref pairs[start]);
        }

        foreach (var start in anchored)
        {
            for (int k = start + 1, end = start + 1 + 2 * pairs[start]; k < end; k += 2)
            {
                var second = pairs[k + 1];
                if (second >= 0 ? features.Has(second) : second == -1 || AnyPresent(-2 - second, features))
                {
                    var i = pairs[k];
                    candidates[i >> 6] |= 1UL << (i & 63);
                }
            }
        }
    }

    private bool AnyPresent(int group, DocumentFeatures features)
    {
        for (int k = group + 1, end = group + 1 + _groups[group]; k < end; k++)
        {
            if (features.Has(_groups[k]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The second check of a query (-1 for none): the cheapest anchor set it requires besides its anchors, as a feature
    /// (one key) or as -2 - its offset in the group pool (several keys, one of which must be present). A candidate whose
    /// article fails it is dropped while its posting is read, before its compiled form is touched.
    /// </summary>
    private int SecondCheck(Query query, QueryAnchors anchors, List<int> pool)
    {
        var group = QueryAnchors.Groups(query).FirstOrDefault(g =>
            !(g.Terms.SequenceEqual(anchors.Terms, StringComparer.Ordinal) && g.Prefixes.SequenceEqual(anchors.Prefixes, StringComparer.Ordinal)));
        if (group is null)
        {
            return -1;
        }

        var features = group.Terms.Select(_vocabulary.Term).Concat(group.Prefixes.Select(_vocabulary.Prefix)).ToList();
        if (features.Count == 1)
        {
            return features[0];
        }

        pool.Add(features.Count);
        pool.AddRange(features);
        return -2 - (pool.Count - features.Count - 1);
    }

    private static void File(List<List<int>?> postings, int feature, int query, int second)
    {
        while (postings.Count <= feature)
        {
            postings.Add(null);
        }

        var pairs = postings[feature] ??= [];
        pairs.Add(query);
        pairs.Add(second);
    }
}
