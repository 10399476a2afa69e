using MediaMonitor.EntityTagging.Recognition;

namespace MediaMonitor.EntityTagging.Model;

/// <summary>
/// Features of the run of capitalised words a token stands in ("New York Stock Exchange"): its position and the run's
/// length, the whole run as one lower-cased name, and the run's first and last words, so a known multi-word name or a
/// telling last word ("... Corp", "... United") informs every token of the run. Not in all-capitals headlines, where the
/// whole line is one run.
/// </summary>
public static class NameRuns
{
    public static void Add(List<ulong> hashes, int[] runStart, int[] runLength, string[] lower, int i)
    {
        var length = runLength[i];
        if (length == 0)
        {
            return;
        }

        var start = runStart[i];
        var k = i - start;
        var position = length == 1 ? "U" : k == 0 ? "B" : k == length - 1 ? "L" : "I";
        hashes.Add(FeatureHash.Of(80, position, Math.Min(length, 4).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        hashes.Add(FeatureHash.Of(81, position, string.Join(' ', lower, start, length)));
        hashes.Add(FeatureHash.Of(82, position, lower[start + length - 1]));
        hashes.Add(FeatureHash.Of(83, position, lower[start]));
    }

    /// <summary>For each token, the start and length of the capitalised run it is in (length 0 outside runs).</summary>
    public static (int[] Start, int[] Length) Of(IReadOnlyList<string> words)
    {
        var start = new int[words.Count];
        var length = new int[words.Count];
        foreach (var (s, n) in RuleRecognizer.CapitalisedRuns(words))
        {
            for (var k = s; k < s + n; k++)
            {
                start[k] = s;
                length[k] = n;
            }
        }

        return (start, length);
    }
}
