using System.Collections.Concurrent;

namespace MediaMonitor.Alerting.Matching;

/// <summary>
/// Every word, prefix, entity name and language the stored queries mention, each with a small integer id (a feature),
/// under the namespaced keys of <see cref="QueryAnchors"/>. An article's features are looked up once per article:
/// one walk along each of its words hashes every leading part of the word, and a one-bit-per-hash filter (small enough
/// to stay in cache) rules out most parts that are no stored prefix and words that are no stored word before any
/// dictionary is touched. What a word comes to is remembered (up to a bound), so a word seen before costs one lookup.
/// </summary>
internal sealed class FeatureVocabulary
{
    private const int FilterBits = 20;
    private const ulong Seed = 14695981039346656037UL;

    private readonly Dictionary<string, int> _terms = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _termsBySpan;
    private readonly Dictionary<string, int> _prefixes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _prefixesBySpan;
    private readonly ulong[] _termFilter = new ulong[(1 << FilterBits) / 64];
    private readonly ulong[] _prefixFilter = new ulong[(1 << FilterBits) / 64];
    private readonly ConcurrentDictionary<string, WordFeatures> _known = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, WordFeatures>.AlternateLookup<ReadOnlySpan<char>> _knownBySpan;
    private int _knownCount;
    private readonly HashSet<int> _valued = [];

    public FeatureVocabulary()
    {
        _termsBySpan = _terms.GetAlternateLookup<ReadOnlySpan<char>>();
        _prefixesBySpan = _prefixes.GetAlternateLookup<ReadOnlySpan<char>>();
        _knownBySpan = _known.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>How many distinct keys <see cref="FeaturesOf"/> remembers at most (each costs some 100 bytes).</summary>
    public const int MaxRemembered = 1 << 18;

    /// <summary>
    /// What a key comes to: the feature of the whole key (or -1), and the features of every stored prefix of it longer
    /// than its namespace (null when none; do not modify).
    /// </summary>
    public WordFeatures FeaturesOf(ReadOnlySpan<char> key, int namespaceLength)
    {
        if (_knownBySpan.TryGetValue(key, out var known))
        {
            return known;
        }

        var prefixes = new List<int>();
        var term = Lookup(key, namespaceLength, prefixes);
        var features = new WordFeatures(term, prefixes.Count == 0 ? null : [.. prefixes]);
        if (_knownCount < MaxRemembered && _knownBySpan.TryAdd(key, features))
        {
            Interlocked.Increment(ref _knownCount);
        }

        return features;
    }

    /// <summary>How many features there are (ids run from 0 to Count - 1).</summary>
    public int Count { get; private set; }

    /// <summary>Notes that evaluation reads the feature's value (positions, kinds), not only whether it is present.</summary>
    public void NeedsValue(int feature) => _valued.Add(feature);

    /// <summary>One bit per feature: whether its value is read.</summary>
    public ulong[] ValuedBits()
    {
        var bits = new ulong[(Count >> 6) + 1];
        foreach (var f in _valued)
        {
            bits[f >> 6] |= 1UL << f;
        }

        return bits;
    }

    /// <summary>The feature of a word, entity or language key, added when new.</summary>
    public int Term(string key) => GetOrAdd(_terms, _termFilter, key);

    /// <summary>The feature of a prefix key, added when new.</summary>
    public int Prefix(string key) => GetOrAdd(_prefixes, _prefixFilter, key);

    /// <summary>
    /// The feature of the whole key (or -1), and into <paramref name="prefixes"/> the features of every stored prefix
    /// of the key (the key itself included) longer than its namespace.
    /// </summary>
    public int Lookup(ReadOnlySpan<char> key, int namespaceLength, List<int> prefixes)
    {
        var h = Seed;
        var checkPrefixes = _prefixes.Count > 0;
        for (var k = 0; k < key.Length; k++)
        {
            h = Step(h, key[k]);
            if (checkPrefixes && k >= namespaceLength && MayHold(_prefixFilter, h) && _prefixesBySpan.TryGetValue(key[..(k + 1)], out var prefix))
            {
                prefixes.Add(prefix);
            }
        }

        return MayHold(_termFilter, h) && _termsBySpan.TryGetValue(key, out var feature) ? feature : -1;
    }

    private int GetOrAdd(Dictionary<string, int> features, ulong[] filter, string key)
    {
        if (!features.TryGetValue(key, out var id))
        {
            id = Count++;
            features[key] = id;
            var h = Seed;
            foreach (var c in key)
            {
                h = Step(h, c);
            }

            var slot = Slot(h);
            filter[slot >> 6] |= 1UL << slot;
        }

        return id;
    }

    private static ulong Step(ulong h, char c) => (h ^ c) * 1099511628211UL;

    private static int Slot(ulong h) => (int)((h * 0x9E3779B97F4A7C15UL) >> (64 - FilterBits));

    private static bool MayHold(ulong[] filter, ulong h)
    {
        var slot = Slot(h);
        return (filter[slot >> 6] & (1UL << slot)) != 0;
    }
}

/// <summary>What a word comes to in a <see cref="FeatureVocabulary"/>: its own feature (or -1) and its stored prefixes' features.</summary>
internal readonly record struct WordFeatures(int Term, int[]? Prefixes);
