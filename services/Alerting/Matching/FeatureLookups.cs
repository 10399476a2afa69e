namespace MediaMonitor.Alerting.Matching;

/// <summary>
/// The lookups of one field of one article, queued and then resolved together by <see cref="FeatureVocabulary"/>:
/// per lookup its keyed hash, first bucket, the word's slot, how many of its characters form the key (a prefix is a
/// leading part), whether it is a prefix, and after resolving its feature (or -1). Reused per thread.
/// </summary>
internal sealed class FeatureLookups
{
    public ulong[] Keys { get; private set; } = new ulong[512];

    public int[] Buckets { get; private set; } = new int[512];

    public int[] Slots { get; private set; } = new int[512];

    public int[] Lengths { get; private set; } = new int[512];

    public bool[] IsPrefix { get; private set; } = new bool[512];

    /// <summary>The features found (-1: none).</summary>
    public int[] Entries { get; private set; } = new int[512];

    /// <summary>Where the features' postings start (-1: none).</summary>
    public int[] Postings { get; private set; } = new int[512];

    public int Count { get; private set; }

    public void Clear() => Count = 0;

    public void Add(ulong key, int slot, int length, bool isPrefix, int bucket)
    {
        if (Count == Keys.Length)
        {
            Grow();
        }

        Keys[Count] = key;
        Buckets[Count] = bucket;
        Slots[Count] = slot;
        Lengths[Count] = length;
        IsPrefix[Count] = isPrefix;
        Count++;
    }

    private void Grow()
    {
        var size = Keys.Length * 2;
        Keys = Resized(Keys, size);
        Buckets = Resized(Buckets, size);
        Slots = Resized(Slots, size);
        Lengths = Resized(Lengths, size);
        IsPrefix = Resized(IsPrefix, size);
        Entries = Resized(Entries, size);
        Postings = Resized(Postings, size);
    }

    private static T[] Resized<T>(T[] array, int size)
    {
        Array.Resize(ref array, size);
        return array;
    }
}
