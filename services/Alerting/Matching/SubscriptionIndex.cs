using MediaMonitor.Text.Querying;

namespace MediaMonitor.Alerting.Matching;

/// <summary>
/// A stored-query index (a presearcher in the manner of Luwak): each query is filed under the words it requires, so an
/// article is evaluated only against the queries whose anchors it contains. The result equals evaluating every query.
/// Immutable once built, so matching needs no locks.
/// </summary>
public sealed class SubscriptionIndex<T>
{
    private readonly T[] _items;
    private readonly Query[] _queries;
    private readonly Dictionary<string, int[]> _byTerm;
    private readonly Dictionary<string, int[]>.AlternateLookup<ReadOnlySpan<char>> _byTermSpan;
    private readonly PrefixTrie _byPrefix = new();
    private readonly int[] _alwaysCheck;

    [ThreadStatic]
    private static ulong[]? _seen;

    public SubscriptionIndex(IReadOnlyList<T> items, Func<T, Query> query)
    {
        _items = [.. items];
        _queries = [.. items.Select(query)];
        var byTerm = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var always = new List<int>();
        for (var i = 0; i < _queries.Length; i++)
        {
            var anchors = QueryAnchors.For(_queries[i]);
            if (anchors is null)
            {
                always.Add(i);
                continue;
            }

            foreach (var term in anchors.Terms)
            {
                Add(byTerm, term, i);
            }

            foreach (var prefix in anchors.Prefixes)
            {
                _byPrefix.Add(prefix, i);
            }
        }

        _byTerm = byTerm.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);
        _byTermSpan = _byTerm.GetAlternateLookup<ReadOnlySpan<char>>();
        _alwaysCheck = [.. always];
    }

    public int Count => _items.Length;

    /// <summary>Queries that must be evaluated for every article (none when every query requires something).</summary>
    public int UnindexedCount => _alwaysCheck.Length;

    /// <summary>The items whose query the document satisfies, in the order they were given.</summary>
    public List<T> Match(MatchDocument document)
    {
        var matched = new List<T>();
        foreach (var i in Candidates(document))
        {
            if (_queries[i].Matches(document))
            {
                matched.Add(_items[i]);
            }
        }

        return matched;
    }

    /// <summary>The positions of the queries the document may satisfy, ascending and distinct.</summary>
    public List<int> Candidates(MatchDocument document)
    {
        var found = new List<int>(_alwaysCheck);
        Span<char> buffer = stackalloc char[256];
        foreach (var term in document.TextTerms)
        {
            Collect(term, found);
            CollectPrefixes(term, found);
        }

        foreach (var term in document.SourceTerms)
        {
            var key = Namespaced(buffer, QueryAnchors.SourceKey, term);
            Collect(key, found);
            CollectPrefixes(key, found);
        }

        foreach (var name in document.EntityNames)
        {
            Collect(Namespaced(buffer, QueryAnchors.EntityKey, name), found);
        }

        if (document.Language is { } language)
        {
            Collect(Namespaced(buffer, QueryAnchors.LanguageKey, language), found);
        }

        // Drop repeats with a bitmap (one bit per query) instead of sorting them all; only the distinct ones get sorted.
        var words = (_items.Length >> 6) + 1;
        if (_seen is null || _seen.Length < words)
        {
            _seen = new ulong[words];
        }

        var seen = _seen;
        var distinct = 0;
        for (var k = 0; k < found.Count; k++)
        {
            var id = found[k];
            var bit = 1UL << (id & 63);
            if ((seen[id >> 6] & bit) == 0)
            {
                seen[id >> 6] |= bit;
                found[distinct++] = id;
            }
        }

        found.RemoveRange(distinct, found.Count - distinct);
        foreach (var id in found)
        {
            seen[id >> 6] = 0;
        }

        found.Sort();
        return found;
    }

    private static ReadOnlySpan<char> Namespaced(Span<char> buffer, string prefix, string value)
    {
        if (prefix.Length + value.Length > buffer.Length)
        {
            return (prefix + value).AsSpan();
        }

        prefix.AsSpan().CopyTo(buffer);
        value.AsSpan().CopyTo(buffer[prefix.Length..]);
        return buffer[..(prefix.Length + value.Length)];
    }

    private void Collect(ReadOnlySpan<char> key, List<int> found)
    {
        if (_byTermSpan.TryGetValue(key, out var ids))
        {
            found.AddRange(ids);
        }
    }

    private void CollectPrefixes(ReadOnlySpan<char> key, List<int> found)
    {
        if (!_byPrefix.IsEmpty)
        {
            _byPrefix.Collect(key, found);
        }
    }

    private static void Add(Dictionary<string, List<int>> index, string key, int id)
    {
        if (!index.TryGetValue(key, out var ids))
        {
            ids = [];
            index[key] = ids;
        }

        ids.Add(id);
    }
}
