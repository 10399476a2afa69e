using System.Text.RegularExpressions;
using MediaMonitor.Alerting.Workload;

namespace MediaMonitor.Measurements;

/// <summary>
/// Picks corpus articles that Deduplication should keep as separate stories: spread over every section, and none sharing
/// a fifth of its rarer words (in under 5% of the candidates) with one already picked, as two reports of one event do
/// (two BBC pieces on the LSE bid, two on the Nintendo DS were clustered into one story otherwise).
/// </summary>
public static partial class DistinctStories
{
    private const double MaxSharedShare = 0.2;

    public static List<CorpusArticle> Pick(IReadOnlyList<CorpusArticle> candidates, int count)
    {
        var words = candidates.Select(a => Words(a.Title + " " + a.Text)).ToList();
        var frequency = words.SelectMany(w => w).CountBy(w => w).ToDictionary(p => p.Key, p => p.Value);
        var rare = words.Select(w => w.Where(x => frequency[x] < 0.05 * candidates.Count).ToHashSet()).ToList();

        // Visit every stride-th article first, then the ones after them, so the picks spread over all sections.
        var stride = Math.Max(1, candidates.Count / count);
        var order = Enumerable.Range(0, stride).SelectMany(offset => Enumerable.Range(0, (candidates.Count + stride - 1) / stride)
            .Select(k => (k * stride) + offset).Where(i => i < candidates.Count));
        var picked = new List<int>();
        foreach (var i in order)
        {
            if (picked.Count == count)
            {
                break;
            }

            if (picked.All(p => rare[i].Intersect(rare[p]).Count() < MaxSharedShare * Math.Max(1, Math.Min(rare[i].Count, rare[p].Count))))
            {
                picked.Add(i);
            }
        }

        return picked.Count < count
            ? throw new InvalidOperationException($"only {picked.Count} distinct stories found; {count} were asked for")
            : [.. picked.Select(i => candidates[i])];
    }

    private static HashSet<string> Words(string text) =>
        [.. WordPattern().Matches(text.ToLowerInvariant()).Select(m => m.Value)];

    [GeneratedRegex("[a-z]{4,}")]
    private static partial Regex WordPattern();
}
