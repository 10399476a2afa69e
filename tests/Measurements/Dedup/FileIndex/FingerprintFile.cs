using MediaMonitor.Deduplication;
using MediaMonitor.Deduplication.Decisions;
using MediaMonitor.Deduplication.Fingerprinting;
using MediaMonitor.Deduplication.Index;
using MediaMonitor.Deduplication.Stories;
using Microsoft.Win32.SafeHandles;

namespace MediaMonitor.Measurements.Dedup;

/// <summary>
/// Fingerprints kept outside the heap, one fixed-size record per slot in a file (the role mm_dedup_articles plays in the
/// service): the in-memory <see cref="LshKeyTable"/> finds candidate slots, their records are read to verify them.
/// The most recently written or read records stay decoded in a fixed-size cache (copies of a story arrive close together),
/// so its memory does not grow with the index. Consecutive records are written in batches of <see cref="BatchRecords"/>,
/// one system call each.
/// </summary>
public sealed class FingerprintFile : IDisposable
{
    public const int RecordSize = 1024;

    private readonly SafeFileHandle _file;
    public const int CachedRecords = 4096;

    public const int BatchRecords = 64;

    private readonly byte[] _buffer = new byte[RecordSize];
    private readonly byte[] _pending = new byte[RecordSize * BatchRecords];
    private int _pendingFirst;
    private int _pendingCount;
    private readonly IndexedArticle?[] _cache = new IndexedArticle?[CachedRecords];
    private readonly int[] _cachedSlots = new int[CachedRecords];

    public FingerprintFile(string path)
    {
        _file = File.OpenHandle(path, FileMode.Create, FileAccess.ReadWrite, FileShare.None, FileOptions.DeleteOnClose);
    }

    public void Write(int slot, IndexedArticle article)
    {
        ArgumentNullException.ThrowIfNull(article);
        const int header = 2 + 16 + 16 + 16 + 8;
        var size = FingerprintCodec.SizeOf(article.Fingerprint);
        if (size + header > RecordSize)
        {
            throw new InvalidOperationException($"A fingerprint of {size} bytes does not fit a record.");
        }

        if (_pendingCount > 0 && (slot != _pendingFirst + _pendingCount || _pendingCount == BatchRecords))
        {
            Flush();
        }

        if (_pendingCount == 0)
        {
            _pendingFirst = slot;
        }

        var span = _pending.AsSpan(_pendingCount * RecordSize, RecordSize);
        _pendingCount++;
        BitConverter.TryWriteBytes(span, (ushort)size);
        article.ArticleId.TryWriteBytes(span[2..]);
        article.OriginalId.TryWriteBytes(span[18..]);
        article.StoryId.TryWriteBytes(span[34..]);
        BitConverter.TryWriteBytes(span[50..], article.PublishedAt.UtcTicks);
        FingerprintCodec.Encode(article.Fingerprint, span[header..]);
        Remember(slot, article);
    }

    public IndexedArticle Read(int slot)
    {
        if (_cache[slot % CachedRecords] is { } cached && _cachedSlots[slot % CachedRecords] == slot)
        {
            return cached;
        }

        Span<byte> span;
        if (slot >= _pendingFirst && slot < _pendingFirst + _pendingCount)
        {
            span = _pending.AsSpan((slot - _pendingFirst) * RecordSize, RecordSize);
        }
        else
        {
            span = _buffer.AsSpan();
            RandomAccess.Read(_file, span, (long)slot * RecordSize);
        }

        var length = BitConverter.ToUInt16(span);
        var article = new IndexedArticle(
            new Guid(span.Slice(2, 16)),
            new Guid(span.Slice(18, 16)),
            new Guid(span.Slice(34, 16)),
            new DateTimeOffset(BitConverter.ToInt64(span[50..]), TimeSpan.Zero),
            FingerprintCodec.Decode(span.Slice(58, length)));
        Remember(slot, article);
        return article;
    }

    private void Remember(int slot, IndexedArticle article)
    {
        _cache[slot % CachedRecords] = article;
        _cachedSlots[slot % CachedRecords] = slot;
    }

    private void Flush()
    {
        RandomAccess.Write(_file, _pending.AsSpan(0, _pendingCount * RecordSize), (long)_pendingFirst * RecordSize);
        _pendingCount = 0;
    }

    public void Dispose()
    {
        if (_pendingCount > 0)
        {
            Flush();
        }

        _file.Dispose();
    }
}
