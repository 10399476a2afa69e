namespace MediaMonitor.EntityTagging.Model;

/// <summary>64-bit FNV-1a hashes of (template, parts) feature names, computed without building strings.</summary>
public static class FeatureHash
{
    private const ulong Offset = 14695981039346656037UL;
    private const ulong Prime = 1099511628211UL;

    public static ulong Of(int template) => Mix(Offset, (char)template);

    public static ulong Of(int template, ReadOnlySpan<char> a) => Add(Of(template), a);

    public static ulong Of(int template, ReadOnlySpan<char> a, ReadOnlySpan<char> b) => Add(Add(Of(template), a), b);

    public static ulong Of(int template, ReadOnlySpan<char> a, ReadOnlySpan<char> b, ReadOnlySpan<char> c) =>
        Add(Add(Add(Of(template), a), b), c);

    private static ulong Add(ulong hash, ReadOnlySpan<char> part)
    {
        foreach (var ch in part)
        {
            hash = Mix(hash, ch);
        }

        return Mix(hash, '\u0001'); // separator, so ("ab","c") and ("a","bc") differ
    }

    private static ulong Mix(ulong hash, char c)
    {
        hash ^= (byte)c;
        hash *= Prime;
        hash ^= (byte)(c >> 8);
        hash *= Prime;
        return hash;
    }
}
