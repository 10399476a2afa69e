using System.Collections.Concurrent;
using System.Net;

namespace MediaMonitor.Api.Security;

/// <summary>
/// Counts failed authentications (unknown, revoked or expired key, malformed header) per client address in a sliding window.
/// Once an address has failed <c>limit</c> times within the window it gets no verdict on any key until the oldest of those
/// failures leaves the window: a refused attempt is not counted, so a guesser gets at most <c>limit</c> verdicts per window.
/// </summary>
public sealed class FailedAuthenticationThrottle(int limit, TimeSpan window)
{
    /// <summary>Beyond this many tracked addresses, the ones with no failure inside the window are forgotten.</summary>
    internal const int MaxTrackedAddresses = 10_000;

    private readonly ConcurrentDictionary<IPAddress, Queue<DateTimeOffset>> _failures = new();

    public bool Enabled => limit > 0 && window > TimeSpan.Zero;

    /// <summary>How long the address must wait before its next attempt is judged; null when it is not blocked.</summary>
    public TimeSpan? Blocked(IPAddress? address, DateTimeOffset now)
    {
        if (!Enabled || address is null || !_failures.TryGetValue(address, out var failures))
        {
            return null;
        }

        lock (failures)
        {
            Forget(failures, now);
            return failures.Count >= limit ? failures.Peek() + window - now : null;
        }
    }

    public void RecordFailure(IPAddress? address, DateTimeOffset now)
    {
        if (!Enabled || address is null)
        {
            return;
        }

        if (_failures.Count >= MaxTrackedAddresses)
        {
            ForgetQuietAddresses(now);
        }

        var failures = _failures.GetOrAdd(address, _ => new Queue<DateTimeOffset>());
        lock (failures)
        {
            Forget(failures, now);
            failures.Enqueue(now);
            while (failures.Count > limit)
            {
                failures.Dequeue();
            }
        }
    }

    private void Forget(Queue<DateTimeOffset> failures, DateTimeOffset now)
    {
        while (failures.Count > 0 && failures.Peek() + window <= now)
        {
            failures.Dequeue();
        }
    }

    private void ForgetQuietAddresses(DateTimeOffset now)
    {
        foreach (var (address, failures) in _failures)
        {
            lock (failures)
            {
                Forget(failures, now);
                if (failures.Count == 0)
                {
                    _failures.TryRemove(address, out _);
                }
            }
        }
    }
}
