namespace MediaMonitor.Deduplication.Fingerprinting;

/// <summary>The 64-bit mixing every fingerprint uses (splitmix64's finalizer): fast, well distributed, stable across runs.</summary>
public static class Hashing
{
    public static ulong Mix(ulong x)
    {
        x ^= x >> 30;
        x *= 0xBF58476D1CE4E5B9UL;
        x ^= x >> 27;
        x *= 0x94D049BB133111EBUL;
        x ^= x >> 31;
        return x;
    }

    public static ulong Combine(ulong seed, ulong value) => Mix(seed ^ (value + 0x9E3779B97F4A7C15UL + (seed << 6) + (seed >> 2)));
}
