using MediaMonitor.Text;

namespace MediaMonitor.Alerting.Matching;

/// <summary>
/// The open-addressing table behind <see cref="FeatureVocabulary"/>: keyed hash to feature (the key's entry number) and
/// the start of the feature's postings, 16 bytes a bucket, key texts side by side in one character pool. Holding the
/// postings' start in the bucket saves a lookup in a separate per-feature array, a cache miss per anchor. Lookups come in stages (<see cref="Touch"/>, <see cref="EntryOf"/>,
/// <see cref="TouchText"/>, <see cref="TextEquals"/>) so a caller can start many memory reads before it waits for any.
/// </summary>
internal sealed class FeatureKeyTable
{
    private Bucket[] _buckets = new Bucket[1024];
    private int _bits = 10;
    private int _count;
    private char[] _chars = new char[4096];
    private int _charCount;
    private int[] _textStarts = new int[1025];

    /// <summary>Asks for the key's first bucket to be brought into cache and returns where probing starts.</summary>
    public int Touch(ulong key)
    {
        var bucket = TermHash.Slot(key, _bits);
        CachePrefetch.Line(ref _buckets[bucket]);
        return bucket;
    }

    /// <summary>The entry (the feature) holding the key, probing from its first bucket, or -1; and its postings.</summary>
    public int EntryOf(ulong key, int bucket, out int postings)
    {
        var buckets = _buckets;
        var mask = buckets.Length - 1;
        for (; ; bucket = (bucket + 1) & mask)
        {
            ref readonly var b = ref buckets[bucket];
            if (b.Text == 0)
            {
                postings = -1;
                return -1;
            }

            if (b.Key == key)
            {
                postings = b.Postings;
                return b.Text - 1;
            }
        }
    }

    /// <summary>Asks for an entry's text to be brought into cache; -1 is ignored.</summary>
    public void TouchText(int entry)
    {
        if (entry >= 0)
        {
            CachePrefetch.Line(ref _chars[_textStarts[entry]]);
        }
    }

    public bool TextEquals(int entry, ReadOnlySpan<char> text) =>
        _chars.AsSpan(_textStarts[entry], _textStarts[entry + 1] - _textStarts[entry]).SequenceEqual(text);

    /// <summary>How many keys there are; a key's entry number is its feature.</summary>
    public int Count => _count;

    /// <summary>The postings of a key found by <see cref="Find"/> (-1: none).</summary>
    public int PostingsOf(ulong key, int entry)
    {
        var mask = _buckets.Length - 1;
        for (var bucket = TermHash.Slot(key, _bits); ; bucket = (bucket + 1) & mask)
        {
            if (_buckets[bucket].Text == entry + 1)
            {
                return _buckets[bucket].Postings;
            }
        }
    }

    /// <summary>Notes where each entry's postings start (-1: none), once the index has laid them out.</summary>
    public void AttachPostings(int[] startByEntry)
    {
        for (var bucket = 0; bucket < _buckets.Length; bucket++)
        {
            if (_buckets[bucket].Text is var text and > 0)
            {
                _buckets[bucket] = _buckets[bucket] with { Postings = startByEntry[text - 1] };
            }
        }
    }

    /// <summary>The feature of a key and its text, or -1 (one lookup, all stages at once).</summary>
    public int Find(ulong key, ReadOnlySpan<char> text)
    {
        var bucket = TermHash.Slot(key, _bits);
        var mask = _buckets.Length - 1;
        for (; ; bucket = (bucket + 1) & mask)
        {
            ref readonly var b = ref _buckets[bucket];
            if (b.Text == 0)
            {
                return -1;
            }

            if (b.Key == key && TextEquals(b.Text - 1, text))
            {
                return b.Text - 1;
            }
        }
    }

    /// <summary>Adds a key and returns its entry number, which is the next feature.</summary>
    public int Add(ulong key, string text)
    {
        if (_count + 1 == _textStarts.Length)
        {
            Array.Resize(ref _textStarts, _textStarts.Length * 2);
        }

        if (_charCount + text.Length > _chars.Length)
        {
            Array.Resize(ref _chars, Math.Max(_chars.Length * 2, _charCount + text.Length));
        }

        text.CopyTo(_chars.AsSpan(_charCount));
        _charCount += text.Length;
        var entry = _count++;
        _textStarts[entry + 1] = _charCount;
        if (_count * 2 > _buckets.Length)
        {
            var old = _buckets;
            _bits++;
            _buckets = new Bucket[1 << _bits];
            foreach (var b in old)
            {
                if (b.Text != 0)
                {
                    Place(b);
                }
            }
        }

        Place(new Bucket(key, entry + 1, -1));
        return entry;
    }

    private void Place(Bucket entry)
    {
        var mask = _buckets.Length - 1;
        var bucket = TermHash.Slot(entry.Key, _bits);
        while (_buckets[bucket].Text != 0)
        {
            bucket = (bucket + 1) & mask;
        }

        _buckets[bucket] = entry;
    }

    /// <summary>Text is the entry's index + 1 (0: an empty bucket); Postings where its postings start (-1: none).</summary>
    private readonly record struct Bucket(ulong Key, int Text, int Postings);
}
