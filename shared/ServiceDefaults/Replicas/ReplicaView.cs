using Marten;

namespace MediaMonitor.ServiceDefaults.Replicas;

/// <summary>
/// This replica's in-memory copy of a read model: read from the store before its first use (<see cref="EnsureLoadedAsync"/>),
/// kept current by the messages every replica receives on a queue of its own (<see cref="ReplicaViewExtensions.AddReplicaConsumer{T}"/>),
/// and read again by <see cref="ReplicaViewLoader{TView}"/> at start and every refresh period in case a message was missed.
/// A subclass holds the copy, says how to read it (<see cref="ReadAsync"/>) and how a message changes it.
/// </summary>
public abstract class ReplicaView(TimeProvider clock) : IDisposable
{
    private readonly SemaphoreSlim _loading = new(1, 1);
    private volatile bool _loaded;
    private long _loadedAtTicks = DateTimeOffset.MinValue.UtcTicks;

    /// <summary>Whether the store has been read at least once (until then the copy holds only the messages it got).</summary>
    public bool IsLoaded => _loaded;

    /// <summary>When the last read of the store finished (<see cref="DateTimeOffset.MinValue"/>: never).</summary>
    public DateTimeOffset LoadedAt => new(Interlocked.Read(ref _loadedAtTicks), TimeSpan.Zero);

    /// <summary>
    /// Reads the read model and merges it into the copy, which must be readable as loaded when this returns. Calls run one at
    /// a time; <see cref="IsLoaded"/> is still false during the first. Returns how many items it read (for the log).
    /// </summary>
    protected abstract Task<int> ReadAsync(IQuerySession session, CancellationToken cancellationToken);

    /// <summary>Reads the store now (loads run one at a time); returns how many items it read.</summary>
    public async Task<int> LoadAsync(IQuerySession session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        await _loading.WaitAsync(cancellationToken);
        try
        {
            return await ReadAndMarkAsync(session, cancellationToken);
        }
        finally
        {
            _loading.Release();
        }
    }

    /// <summary>
    /// Reads the store once if that has not happened yet, waiting for a load already running: the bus starts before the
    /// loader, so a message queued while the service was down can arrive first, and deciding it on an empty copy would be
    /// wrong. A load that fails throws, so the message is retried, never acknowledged.
    /// </summary>
    public async Task EnsureLoadedAsync(IQuerySession session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (_loaded)
        {
            return;
        }

        await _loading.WaitAsync(cancellationToken);
        try
        {
            if (!_loaded)
            {
                await ReadAndMarkAsync(session, cancellationToken);
            }
        }
        finally
        {
            _loading.Release();
        }
    }

    /// <summary>Whether the last load finished longer ago than <paramref name="age"/> (or never happened).</summary>
    public bool IsOlderThan(TimeSpan age) => clock.GetUtcNow() - LoadedAt > age;

    private async Task<int> ReadAndMarkAsync(IQuerySession session, CancellationToken cancellationToken)
    {
        var count = await ReadAsync(session, cancellationToken);
        Interlocked.Exchange(ref _loadedAtTicks, clock.GetUtcNow().UtcTicks);
        _loaded = true;
        return count;
    }

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            _loading.Dispose();
        }
    }
}
