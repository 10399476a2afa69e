using System.Diagnostics;
using System.Threading.Channels;

namespace MediaMonitor.Crawler.Extraction;

/// <summary>
/// Page extraction (HTML parsing and main-text scoring: CPU, milliseconds a page) taken off the fetch path: fetches hand
/// their pages to a fixed number of workers through a bounded queue, so a burst of large pages occupies at most
/// <see cref="Workers"/> threads, never the threads that complete other hosts' requests, and a full queue makes the
/// fetching side wait (memory stays bounded) instead of piling up parsed documents.
/// </summary>
public sealed class ExtractionWorkers : IAsyncDisposable
{
    private readonly Channel<IExtractionWork> _queue;
    private readonly Task[] _workers;
    private int _running;

    public ExtractionWorkers(int workers, int queueLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(queueLength, 1);
        Workers = workers;
        QueueLength = queueLength;
        _queue = Channel.CreateBounded<IExtractionWork>(new BoundedChannelOptions(queueLength)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = workers == 1,
        });
        _workers = [.. Enumerable.Range(0, workers).Select(_ => Task.Run(WorkAsync))];
    }

    public int Workers { get; }

    public int QueueLength { get; }

    /// <summary>Pages waiting for a worker.</summary>
    public int Queued => _queue.Reader.Count;

    /// <summary>Pages being extracted now (at most <see cref="Workers"/>).</summary>
    public int Running => Volatile.Read(ref _running);

    /// <summary>
    /// Runs <paramref name="work"/> on a worker and returns its result (or its exception). Waits for room in the queue
    /// first; <paramref name="queueWait"/> gets the time from the call to the start of the work.
    /// </summary>
    public async Task<T> RunAsync<T>(Func<T> work, CancellationToken cancellationToken, Action<TimeSpan>? queueWait = null)
    {
        ArgumentNullException.ThrowIfNull(work);
        var item = new ExtractionWork<T>(work, queueWait, cancellationToken);
        await _queue.Writer.WriteAsync(item, cancellationToken);
        return await item.Result.WaitAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await Task.WhenAll(_workers);
    }

    private async Task WorkAsync()
    {
        while (await _queue.Reader.WaitToReadAsync())
        {
            while (_queue.Reader.TryRead(out var item))
            {
                Interlocked.Increment(ref _running);
                try
                {
                    item.Run();
                }
                finally
                {
                    Interlocked.Decrement(ref _running);
                }
            }
        }
    }

    private interface IExtractionWork
    {
        void Run();
    }

    private sealed class ExtractionWork<T>(Func<T> work, Action<TimeSpan>? queueWait, CancellationToken cancellationToken) : IExtractionWork
    {
        private readonly long _queuedAt = Stopwatch.GetTimestamp();
        private readonly TaskCompletionSource<T> _result = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<T> Result => _result.Task;

        public void Run()
        {
            if (cancellationToken.IsCancellationRequested)
            {
                _result.TrySetCanceled(cancellationToken);
                return;
            }

            queueWait?.Invoke(Stopwatch.GetElapsedTime(_queuedAt));
            try
            {
                _result.TrySetResult(work());
            }
#pragma warning disable CA1031 // the work's exception belongs to its caller, who awaits Result; the worker goes on
            catch (Exception ex)
#pragma warning restore CA1031
            {
                _result.TrySetException(ex);
            }
        }
    }
}
