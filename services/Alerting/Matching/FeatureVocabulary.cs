using MediaMonitor.Text;
using MediaMonitor.Text.Querying;

namespace MediaMonitor.Alerting.Matching;

/// <summary>Where a feature's key comes from: a field's words, the linked entities' names, the language.</summary>
internal enum FeatureSpace : byte
{
    Text = 0,
    Title = 1,
    Source = 2,
    Entity = 3,
    Language = 4,
}

/// <summary>
/// Every word, prefix, entity name and language the stored queries mention, each with a small integer id (a feature).
/// Built from the namespaced keys of <see cref="QueryAnchors"/>; an article's words are looked up by the
/// <see cref="TermHash"/> its <see cref="DocumentField"/> already holds, a whole field at
/// a time (<see cref="FeatureLookups"/>): a bit filter small enough to stay in cache drops most leading parts of words
/// that are no stored prefix, and the words and the rest are probed in stages (all table slots, then all key texts, then the comparisons), so the
/// cache misses of one word overlap those of the next instead of following them. A key's text is compared on a full
/// hash match, so a collision never makes a false feature. Immutable once the index is built: lookups need no locks.
/// </summary>
internal sealed class FeatureVocabulary
{
    // 2^18 bits (32 KiB) stay in the first-level cache; with 20,000 stored prefixes some 8% of parts pass wrongly.
    private const int FilterBits = 18;
    private const int Spaces = 5;
    private const ulong FilterSalt = 0x5851F42D4C957F2DUL;

    private readonly FeatureKeyTable _keys = new();
    private readonly ulong[] _prefixFilter = new ulong[(1 << FilterBits) / 64];
    private readonly ulong[] _prefixLengths = new ulong[Spaces];
    private readonly HashSet<int> _valued = [];

    /// <summary>How many features there are (ids run from 0 to Count - 1).</summary>
    public int Count => _keys.Count;

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

    /// <summary>The feature of a namespaced word, entity or language key (<see cref="QueryAnchors"/>), added when new.</summary>
    public int Term(string key)
    {
        var (space, text) = Split(key);
        return GetOrAdd(space, isPrefix: false, text);
    }

    /// <summary>The feature of a namespaced prefix key, added when new.</summary>
    public int Prefix(string key)
    {
        var (space, text) = Split(key);
        _prefixLengths[(int)space] |= LengthBit(text.Length);
        return GetOrAdd(space, isPrefix: true, text);
    }

    /// <summary>
    /// The feature of one term in a space, or -1, and where its postings start (-1: none); for the few entity and
    /// language keys of an article.
    /// </summary>
    public int FindTerm(FeatureSpace space, ReadOnlySpan<char> term, out int postings)
    {
        var key = Keyed(TermHash.Of(term), space, isPrefix: false);
        return _keys.Find(key, term, out postings);
    }

    /// <summary>Notes where each feature's postings start (-1: none), once the index has laid them out.</summary>
    public void AttachPostings(int[] startByFeature) => _keys.AttachPostings(startByFeature);

    /// <summary>
    /// Queues the lookups of a field's word (the hash is its <see cref="TermHash"/>): the word itself and each of its
    /// leading parts that may be a stored prefix, as far as the filters tell.
    /// </summary>
    public void Queue(FeatureLookups lookups, FeatureSpace space, ReadOnlySpan<char> term, ulong hash, int slot)
    {
        // No filter for whole words: most words of an article are some query's word, so a filter would pass most of
        // them anyway, and a probe that finds nothing costs no more than one that does.
        var key = Keyed(hash, space, isPrefix: false);
        lookups.Add(key, slot, term.Length, isPrefix: false, _keys.Touch(key));

        var lengths = _prefixLengths[(int)space];
        if (lengths == 0)
        {
            return;
        }

        var h = TermHash.Empty;
        for (var k = 0; k < term.Length; k++)
        {
            h = TermHash.Step(h, term[k]);
            if ((lengths & LengthBit(k + 1)) != 0 && Keyed(h, space, isPrefix: true) is var prefixKey && MayHold(_prefixFilter, prefixKey))
            {
                lookups.Add(prefixKey, slot, k + 1, isPrefix: true, _keys.Touch(prefixKey));
            }
        }
    }

    /// <summary>
    /// Resolves every queued lookup of a field: its feature, or -1 when the key is not stored, and where the feature's
    /// postings start.
    /// </summary>
    public void Resolve(FeatureLookups lookups, DocumentField field)
    {
        var n = lookups.Count;
        var entries = lookups.Entries;
        var postings = lookups.Postings;
        for (var i = 0; i < n; i++)
        {
            entries[i] = _keys.RecordOf(lookups.Keys[i], lookups.Buckets[i], out postings[i]);
            _keys.TouchRecord(entries[i]);
        }

        for (var i = 0; i < n; i++)
        {
            if (entries[i] >= 0)
            {
                entries[i] = _keys.FeatureIfText(entries[i], field.TermAt(lookups.Slots[i])[..lookups.Lengths[i]]);
            }
        }
    }

    /// <summary>A key's space and text: "t:", "s:", "e:", "l:" name theirs; a word has no colon.</summary>
    private static (FeatureSpace Space, string Text) Split(string key) => key switch
    {
        _ when key.StartsWith(QueryAnchors.TitleKey, StringComparison.Ordinal) => (FeatureSpace.Title, key[QueryAnchors.TitleKey.Length..]),
        _ when key.StartsWith(QueryAnchors.SourceKey, StringComparison.Ordinal) => (FeatureSpace.Source, key[QueryAnchors.SourceKey.Length..]),
        _ when key.StartsWith(QueryAnchors.EntityKey, StringComparison.Ordinal) => (FeatureSpace.Entity, key[QueryAnchors.EntityKey.Length..]),
        _ when key.StartsWith(QueryAnchors.LanguageKey, StringComparison.Ordinal) => (FeatureSpace.Language, key[QueryAnchors.LanguageKey.Length..]),
        _ => (FeatureSpace.Text, key),
    };

    /// <summary>Bit L for a length L below 63; bit 63 stands for every longer length.</summary>
    private static ulong LengthBit(int length) => 1UL << Math.Min(length, 63);

    private int GetOrAdd(FeatureSpace space, bool isPrefix, string text)
    {
        var key = Keyed(TermHash.Of(text), space, isPrefix);
        var id = _keys.Find(key, text, out _);
        if (id < 0)
        {
            id = _keys.Add(key, text);
            if (isPrefix)
            {
                var slot = TermHash.Slot(key ^ FilterSalt, FilterBits);
                _prefixFilter[slot >> 6] |= 1UL << slot;
            }
        }

        return id;
    }

    /// <summary>
    /// A term's hash made distinct per space and kind: the same word in a title and in a text, or as a word and as a
    /// prefix, are different features (and different table keys, so a key and its space need no separate check).
    /// </summary>
    private static ulong Keyed(ulong hash, FeatureSpace space, bool isPrefix) =>
        hash + ((ulong)space * 2 + (isPrefix ? 2UL : 1UL)) * 0xC2B2AE3D27D4EB4FUL;

    private static bool MayHold(ulong[] filter, ulong key)
    {
        var slot = TermHash.Slot(key ^ FilterSalt, FilterBits);
        return (filter[slot >> 6] & (1UL << slot)) != 0;
    }
}
