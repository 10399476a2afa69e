namespace MediaMonitor.Alerting.Matching;

/// <summary>
/// One turn at a time per story in this replica. Copies of a syndicated story are tagged within milliseconds of each other
/// and match the same subscriptions, so their alert streams are appended to at once: all but one failed on the stream
/// version and were retried whole (about a third of the matching messages of a pipeline bench burst). Replicas still race
/// each other; the stream version and the retry settle that as before.
/// </summary>
public sealed class StoryLocks
{
    private readonly Dictionary<Guid, Entry> _entries = [];

    /// <summary>How many stories have a turn taken or awaited now.</summary>
    public int Held
    {
        get
        {
            lock (_entries)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>Waits for the story's turn; disposing the result ends it.</summary>
    public async Task<IDisposable> EnterAsync(Guid storyId, CancellationToken cancellationToken)
    {
        Entry entry;
        lock (_entries)
        {
            if (!_entries.TryGetValue(storyId, out entry!))
            {
                entry = new Entry();
                _entries[storyId] = entry;
            }

            entry.Users++;
        }

        try
        {
            await entry.Turn.WaitAsync(cancellationToken);
        }
        catch
        {
            Forget(storyId, entry);
            throw;
        }

        return new Turn(this, storyId, entry);
    }

    private void Forget(Guid storyId, Entry entry)
    {
        lock (_entries)
        {
            if (--entry.Users == 0)
            {
                _entries.Remove(storyId);
            }
        }
    }

    private sealed class Entry
    {
        public SemaphoreSlim Turn { get; } = new(1, 1);

        public int Users { get; set; }
    }

    private sealed class Turn(StoryLocks locks, Guid storyId, Entry entry) : IDisposable
    {
        private int _ended;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _ended, 1) == 0)
            {
                entry.Turn.Release();
                locks.Forget(storyId, entry);
            }
        }
    }
}
