using System.IO.Compression;

namespace MediaMonitor.EntityTagging.Model;

/// <summary>Distributional word clusters as bit-string paths ("0110...") so prefixes give coarser clusters.</summary>
public sealed class WordClusters(Dictionary<string, string> paths)
{
    public int Count => paths.Count;

    public string? Of(string word) => paths.GetValueOrDefault(word.ToLowerInvariant());

    /// <summary>The path of an already lower-cased word (clusters are built over lower-cased text).</summary>
    public string? OfLower(string lower) => paths.GetValueOrDefault(lower);

    public static WordClusters? LoadIfPresent(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        using var reader = new StreamReader(new GZipStream(File.OpenRead(path), CompressionMode.Decompress));
        while (reader.ReadLine() is { } line)
        {
            var tab = line.IndexOf('\t', StringComparison.Ordinal);
            if (tab > 0 && !line.StartsWith('#'))
            {
                map[line[..tab]] = line[(tab + 1)..];
            }
        }

        return new WordClusters(map);
    }
}
