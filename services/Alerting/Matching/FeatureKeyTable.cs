using MediaMonitor.Text;

namespace MediaMonitor.Alerting.Matching;

/// <summary>
/// The open-addressing table behind <see cref="FeatureVocabulary"/>: keyed hash to feature, 16 bytes a bucket, key texts
/// side by side in one character pool. Lookups come in stages (<see cref="Touch"/>, <see cref="EntryOf"/>,
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
    private int[] _features = new int[1024];

    /// <summary>Reads the key's first bucket (to bring it into cache) and returns where probing starts.</summary>
    public int Touch(ulong key)
    {
        var bucket = TermHash.Slot(key, _bits);
        Sink ^= _buckets[bucket].Key;
        return bucket;
    }

    /// <summary>The entry (text index) holding the key, probing from its first bucket, or -1.</summary>
    public int EntryOf(ulong key, int bucket)
    {
        var buckets = _buckets;
        var mask = buckets.Length - 1;
        for (; ; bucket = (bucket + 1) & mask)
        {
            ref readonly var b = ref buckets[bucket];
            if (b.Text == 0)
            {
                return -1;
            }

            if (b.Key == key)
            {
                return b.Text - 1;
            }
        }
    }

    /// <summary>Reads an entry's text (to bring it into cache); -1 is ignored.</summary>
    public void TouchText(int entry)
    {
        if (entry >= 0)
        {
            Sink ^= _chars[_textStarts[entry]];
        }
    }

    public bool TextEquals(int entry, ReadOnlySpan<char> text) =>
        _chars.AsSpan(_textStarts[entry], _textStarts[entry + 1] - _textStarts[entry]).SequenceEqual(text);

    public int FeatureAt(int entry) => _features[entry];

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
                return _features[b.Text - 1];
            }
        }
    }

    public void Add(ulong key, string text, int feature)
    {
        if (_count == _features.Length)
        {
            Array.Resize(ref _features, _features.Length * 2);
            Array.Resize(ref _textStarts, _features.Length + 1);
        }

        if (_charCount + text.Length > _chars.Length)
        {
            Array.Resize(ref _chars, Math.Max(_chars.Length * 2, _charCount + text.Length));
        }

        text.CopyTo(_chars.AsSpan(_charCount));
        _charCount += text.Length;
        var entry = _count++;
        _features[entry] = feature;
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

        Place(new Bucket(key, entry + 1));
    }

    /// <summary>Where <see cref="Touch"/> puts what it reads, so the read is not optimized away.</summary>
    internal static ulong Sink { get; private set; }

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

    /// <summary>Text is the entry's index + 1 (0: an empty bucket).</summary>
    private readonly record struct Bucket(ulong Key, int Text);
}
