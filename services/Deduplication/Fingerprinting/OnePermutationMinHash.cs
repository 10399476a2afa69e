namespace MediaMonitor.Deduplication.Fingerprinting;

/// <summary>
/// MinHash with one hash per element (one-permutation hashing with densification): K bins, each keeps the smallest value
/// that falls into it; empty bins borrow a deterministic non-empty neighbour. The share of equal bins of two sketches
/// estimates the Jaccard similarity of the two sets, at O(n + K) per set instead of O(n K).
/// </summary>
public static class OnePermutationMinHash
{
    public static uint[] Sketch(ReadOnlySpan<ulong> elements, int bins)
    {
        var sketch = new uint[bins];
        Fill(elements, sketch);
        return sketch;
    }

    public static void Fill(ReadOnlySpan<ulong> elements, Span<uint> sketch)
    {
        var bins = sketch.Length;
        sketch.Fill(uint.MaxValue);
        Span<bool> filled = bins <= 256 ? stackalloc bool[bins] : new bool[bins];
        var any = false;
        foreach (var e in elements)
        {
            var x = Hashing.Mix(e ^ 0x5851F42D4C957F2DUL);
            var bin = (int)(((x >> 32) * (ulong)bins) >> 32);
            var value = (uint)x;
            if (!filled[bin] || value < sketch[bin])
            {
                sketch[bin] = value;
                filled[bin] = true;
                any = true;
            }
        }

        if (!any)
        {
            return;
        }

        for (var i = 0; i < bins; i++)
        {
            if (filled[i])
            {
                continue;
            }

            for (ulong attempt = 1; ; attempt++)
            {
                var j = (int)(Hashing.Combine((ulong)i, attempt) % (ulong)bins);
                if (filled[j])
                {
                    sketch[i] = sketch[j];
                    break;
                }
            }
        }
    }

    /// <summary>The share of equal bins: an estimate of the Jaccard similarity.</summary>
    public static double Similarity(ReadOnlySpan<uint> a, ReadOnlySpan<uint> b)
    {
        if (a.Length != b.Length || a.Length == 0)
        {
            return 0;
        }

        var equal = 0;
        for (var i = 0; i < a.Length; i++)
        {
            if (a[i] == b[i])
            {
                equal++;
            }
        }

        return (double)equal / a.Length;
    }
}
