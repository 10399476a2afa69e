namespace MediaMonitor.Text;

/// <summary>
/// The 64-bit FNV-1a hash of a normalized term (a <see cref="WordScanner.Term"/>), one character at a time, so the hash
/// of every leading part of a word comes for free on the way to the hash of the whole word.
/// </summary>
public static class TermHash
{
    /// <summary>The hash of the empty term, where every walk starts.</summary>
    public const ulong Empty = 14695981039346656037UL;

    private const ulong Prime = 1099511628211UL;

    /// <summary>The hash of a term one character longer.</summary>
    public static ulong Step(ulong hash, char c) => (hash ^ c) * Prime;

    public static ulong Of(ReadOnlySpan<char> term)
    {
        var h = Empty;
        foreach (var c in term)
        {
            h = (h ^ c) * Prime;
        }

        return h;
    }

    /// <summary>A table slot for a hash: its bits mixed (FNV's low bits are weak), the top ones kept.</summary>
    public static int Slot(ulong hash, int bits) => (int)((hash * 0x9E3779B97F4A7C15UL) >> (64 - bits));
}
