using MediaMonitor.Text;

namespace MediaMonitor.Alerting.Matching;

/// <summary>
/// The open-addressing table behind <see cref="FeatureVocabulary"/>. A bucket (16 bytes) holds a keyed hash, where the
/// key's record starts in one character pool, and where the feature's postings start; a record is the feature number,
/// the text's length and the text, side by side, so after the bucket one more cache line answers everything. Lookups
/// come in stages (<see cref="Touch"/>, <see cref="RecordOf"/>, <see cref="TouchRecord"/>, <see cref="FeatureIfText"/>)
/// so a caller can ask for many memory reads before it waits for any.
/// </summary>
internal sealed class FeatureKeyTable
{
    private const int Header = 4;

    private Bucket[] _buckets = new Bucket[1024];
    private int _bits = 10;
    private char[] _pool = new char[4096];
    private int _poolLength;

    /// <summary>How many keys there are; a key's feature is the order it was added in.</summary>
    public int Count { get; private set; }

    /// <summary>Asks for the key's first bucket to be brought into cache and returns where probing starts.</summary>
    public int Touch(ulong key)
    {
        var bucket = TermHash.Slot(key, _bits);
        CachePrefetch.Line(ref _buckets[bucket]);
        return bucket;
    }

    /// <summary>The record holding the key, probing from its first bucket, or -1; and where its postings start.</summary>
    public int RecordOf(ulong key, int bucket, out int postings)
    {
        var buckets = _buckets;
        var mask = buckets.Length - 1;
        for (; ; bucket = (bucket + 1) & mask)
        {
            ref readonly var b = ref buckets[bucket];
            if (b.Record == 0)
            {
                postings = -1;
                return -1;
            }

            if (b.Key == key)
            {
                postings = b.Postings;
                return b.Record - 1;
            }
        }
    }

    /// <summary>Asks for a record to be brought into cache; -1 is ignored.</summary>
    public void TouchRecord(int record)
    {
        if (record >= 0)
        {
            CachePrefetch.Line(ref _pool[record]);
        }
    }

    /// <summary>The record's feature when its text is the given one, else -1.</summary>
    public int FeatureIfText(int record, ReadOnlySpan<char> text)
    {
        var pool = _pool;
        var length = pool[record + 2] | (pool[record + 3] << 16);
        return length == text.Length && pool.AsSpan(record + Header, length).SequenceEqual(text)
            ? pool[record] | (pool[record + 1] << 16)
            : -1;
    }

    /// <summary>The feature of a key and its text, or -1, and where its postings start (all stages at once).</summary>
    public int Find(ulong key, ReadOnlySpan<char> text, out int postings)
    {
        var mask = _buckets.Length - 1;
        for (var bucket = TermHash.Slot(key, _bits); ; bucket = (bucket + 1) & mask)
        {
            ref readonly var b = ref _buckets[bucket];
            if (b.Record == 0)
            {
                postings = -1;
                return -1;
            }

            if (b.Key == key && FeatureIfText(b.Record - 1, text) is var feature and >= 0)
            {
                postings = b.Postings;
                return feature;
            }
        }
    }

    /// <summary>Adds a key and returns its feature (the next number).</summary>
    public int Add(ulong key, string text)
    {
        var feature = Count++;
        if (_poolLength + Header + text.Length > _pool.Length)
        {
            Array.Resize(ref _pool, Math.Max(_pool.Length * 2, _poolLength + Header + text.Length));
        }

        var record = _poolLength;
        _pool[record] = (char)(feature & 0xFFFF);
        _pool[record + 1] = (char)(feature >>> 16);
        _pool[record + 2] = (char)(text.Length & 0xFFFF);
        _pool[record + 3] = (char)(text.Length >>> 16);
        text.CopyTo(_pool.AsSpan(record + Header));
        _poolLength += Header + text.Length;
        if (Count * 2 > _buckets.Length)
        {
            var old = _buckets;
            _bits++;
            _buckets = new Bucket[1 << _bits];
            foreach (var b in old)
            {
                if (b.Record != 0)
                {
                    Place(b);
                }
            }
        }

        Place(new Bucket(key, record + 1, -1));
        return feature;
    }

    /// <summary>Notes where each feature's postings start (-1: none), once the index has laid them out.</summary>
    public void AttachPostings(int[] startByFeature)
    {
        for (var bucket = 0; bucket < _buckets.Length; bucket++)
        {
            if (_buckets[bucket].Record is var record and > 0)
            {
                var feature = _pool[record - 1] | (_pool[record] << 16);
                _buckets[bucket] = _buckets[bucket] with { Postings = startByFeature[feature] };
            }
        }
    }

    private void Place(Bucket entry)
    {
        var mask = _buckets.Length - 1;
        var bucket = TermHash.Slot(entry.Key, _bits);
        while (_buckets[bucket].Record != 0)
        {
            bucket = (bucket + 1) & mask;
        }

        _buckets[bucket] = entry;
    }

    /// <summary>Record is where the key's record starts in the pool + 1 (0: an empty bucket); Postings -1 for none.</summary>
    private readonly record struct Bucket(ulong Key, int Record, int Postings);
}
