using System.Collections.Concurrent;

namespace MediaMonitor.Crawler.Politeness;

/// <summary>
/// The per-host queue: one request at a time per origin (scheme, host, port), at least a minimum delay between the end
/// of one request and the start of the next (longer when robots.txt asks for a crawl-delay), and no request before a
/// server's Retry-After has passed.
/// </summary>
public sealed class HostSchedule(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, Slot> _slots = new(StringComparer.OrdinalIgnoreCase);

    public static string OriginOf(Uri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        return $"{uri.Scheme}://{uri.IdnHost}:{uri.Port}".ToLowerInvariant();
    }

    /// <summary>Waits for the host's turn; dispose the lease when the request is done, giving the delay before the next one.</summary>
    public async Task<Lease> EnterAsync(Uri uri, TimeSpan delayAfter, CancellationToken cancellationToken)
    {
        var slot = _slots.GetOrAdd(OriginOf(uri), _ => new Slot());
        await slot.Gate.WaitAsync(cancellationToken);
        try
        {
            var wait = slot.NotBefore - time.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, time, cancellationToken);
            }
        }
        catch
        {
            slot.Gate.Release();
            throw;
        }

        return new Lease(this, slot, delayAfter);
    }

    /// <summary>The server said "not before": a 429/503 Retry-After or a backoff after failures.</summary>
    public void Defer(Uri uri, TimeSpan wait)
    {
        var slot = _slots.GetOrAdd(OriginOf(uri), _ => new Slot());
        var until = time.GetUtcNow() + wait;
        lock (slot)
        {
            if (until > slot.NotBefore)
            {
                slot.NotBefore = until;
            }
        }
    }

    /// <summary>When the host may next be asked (for reporting and tests).</summary>
    public DateTimeOffset NotBefore(Uri uri) => _slots.TryGetValue(OriginOf(uri), out var slot) ? slot.NotBefore : DateTimeOffset.MinValue;

    private void Release(Slot slot, TimeSpan delayAfter)
    {
        var until = time.GetUtcNow() + delayAfter;
        lock (slot)
        {
            if (until > slot.NotBefore)
            {
                slot.NotBefore = until;
            }
        }

        slot.Gate.Release();
    }

    internal sealed class Slot
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);

        public DateTimeOffset NotBefore { get; set; } = DateTimeOffset.MinValue;
    }

    /// <summary>A host's turn; disposing it ends the turn.</summary>
    public sealed class Lease : IDisposable
    {
        private readonly HostSchedule _owner;
        private readonly Slot _slot;
        private readonly TimeSpan _delayAfter;
        private bool _disposed;

        internal Lease(HostSchedule owner, Slot slot, TimeSpan delayAfter)
        {
            _owner = owner;
            _slot = slot;
            _delayAfter = delayAfter;
        }

        public void Dispose()
        {
            if (!_disposed)
            {
                _disposed = true;
                _owner.Release(_slot, _delayAfter);
            }
        }
    }
}
