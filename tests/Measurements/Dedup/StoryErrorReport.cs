namespace MediaMonitor.Measurements.Dedup;

/// <summary>What the remaining story errors look like: articles put in another event's story, and articles of an event left out of it.</summary>
public static class StoryErrorReport
{
    public static void Print(IReadOnlyList<string> ids, IReadOnlyList<string> predictedStory, IReadOnlyList<string> truthStory, Func<string, string, string> explain, int examplesWanted)
    {
        // Each true story is represented by its first article's predicted story.
        var firstPredicted = new Dictionary<string, string>(StringComparer.Ordinal);
        var truthOfPredicted = new Dictionary<string, string>(StringComparer.Ordinal);
        var wrong = new Dictionary<string, int>(StringComparer.Ordinal);
        var missed = new Dictionary<string, int>(StringComparer.Ordinal);
        var examples = new List<string>();
        for (var i = 0; i < ids.Count; i++)
        {
            var isFirst = firstPredicted.TryAdd(truthStory[i], predictedStory[i]);
            truthOfPredicted.TryAdd(predictedStory[i], truthStory[i]);
            if (truthOfPredicted[predictedStory[i]] != truthStory[i])
            {
                Count(wrong, Kind(ids[i]));
                if (examples.Count < examplesWanted / 2)
                {
                    examples.Add($"  wrong story: {ids[i]} -> story of {predictedStory[i]} {explain(ids[i], predictedStory[i])}");
                }
            }
            else if (!isFirst && firstPredicted[truthStory[i]] != predictedStory[i])
            {
                Count(missed, Kind(ids[i]));
                if (examples.Count < examplesWanted)
                {
                    examples.Add($"  left out of its story: {ids[i]} (story of {truthStory[i]}) {explain(ids[i], truthStory[i])}");
                }
            }
        }

        Console.WriteLine("story errors: wrong stories " + Format(wrong) + "; left out " + Format(missed));
        examples.ForEach(Console.WriteLine);
    }

    private static void Count(Dictionary<string, int> counts, string kind) => counts[kind] = counts.GetValueOrDefault(kind) + 1;

    private static string Kind(string id) =>
        id.Contains("-rewrite", StringComparison.Ordinal) ? "rewrite"
        : id.Contains("-copy", StringComparison.Ordinal) ? "copy"
        : id.StartsWith("neg-", StringComparison.Ordinal) ? string.Join('-', id.Split('-').Take(2))
        : "original";

    private static string Format(Dictionary<string, int> counts) =>
        counts.Count == 0 ? "none" : string.Join(", ", counts.OrderByDescending(kv => kv.Value).Select(kv => $"{kv.Key}={kv.Value}"));
}
