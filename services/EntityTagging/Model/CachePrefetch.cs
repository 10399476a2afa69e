using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace MediaMonitor.EntityTagging.Model;

/// <summary>
/// Asks the processor to bring a location's cache line in without waiting for it: decoding reads feature slots and weight
/// rows scattered over about 26 MB, so it asks for the lines of the next lookups while it does the present one. Only a
/// hint: an address never faults, and where the processor has no such instruction nothing happens. (Alerting's matcher
/// has the same one-instruction class in its own assembly.)
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
