using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace MediaMonitor.Alerting.Matching;

/// <summary>
/// Asks the processor to bring a location's cache line in without waiting for it. Matching reads a few hundred places
/// scattered over megabytes per article (table buckets, postings, compiled queries); it asks for all of one stage's
/// lines first and reads them in the next, so the misses overlap. A plain read would not do: a load that misses holds
/// up every later instruction's retirement, a prefetch does not. Only a hint: an address never faults, and where the
/// processor has no such instruction nothing happens.
/// </summary>
internal static class CachePrefetch
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
