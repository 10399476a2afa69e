using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace MediaMonitor.Text;

/// <summary>
/// Asks the processor to bring a location's cache line in without waiting for it. The tagger's decoder (feature slots and
/// weight rows scattered over about 26 MB) and Alerting's matcher (table buckets, postings, compiled queries over
/// megabytes per article) ask for the lines of their next lookups while they do the present ones, so the misses overlap.
/// A plain read would not do: a load that misses holds up every later instruction's retirement, a prefetch does not. Only
/// a hint: an address never faults, and where the processor has no such instruction nothing happens.
/// </summary>
public static class CachePrefetch
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe void Line<T>(ref T location)
    {
        if (Sse.IsSupported)
        {
            Sse.Prefetch0(Unsafe.AsPointer(ref location));
        }
    }
}
