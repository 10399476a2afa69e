using System.IO.Compression;

namespace MediaMonitor.Measurements;

/// <summary>A captured page of an extraction set, stored plain or gzipped (<c>.gz</c>), read as the bytes the crawler would have received.</summary>
public static class CapturedPageFile
{
    public static async Task<byte[]> ReadBytesAsync(string path)
    {
        if (!path.EndsWith(".gz", StringComparison.Ordinal))
        {
            return await File.ReadAllBytesAsync(path);
        }

        await using var gzip = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        using var buffer = new MemoryStream();
        await gzip.CopyToAsync(buffer);
        return buffer.ToArray();
    }
}
