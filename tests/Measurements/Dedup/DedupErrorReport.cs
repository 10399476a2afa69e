namespace MediaMonitor.Measurements.Dedup;

/// <summary>What the remaining errors look like: missed copies by the edits they underwent, wrong merges by kind.</summary>
public static class DedupErrorReport
{
    public static void Print(
        IReadOnlyList<string> ids, IReadOnlyList<string> predicted, IReadOnlyList<string> truthGroup, IReadOnlyDictionary<string, string> variants, Func<string, string, string> explain, int examplesWanted = 16,
        Func<string, string, string>? stage = null)
    {
        var missed = new Dictionary<string, int>(StringComparer.Ordinal);
        var wrong = new Dictionary<string, int>(StringComparer.Ordinal);
        var stages = new Dictionary<string, int>(StringComparer.Ordinal);
        var examples = new List<string>();
        var rootGroup = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < ids.Count; i++)
        {
            rootGroup[ids[i]] = truthGroup[i];
        }

        for (var i = 0; i < ids.Count; i++)
        {
            var isCopy = truthGroup[i] != ids[i] || variants.ContainsKey(ids[i]);
            var predictedCopy = predicted[i] != ids[i];
            if (predictedCopy && rootGroup.GetValueOrDefault(predicted[i]) != truthGroup[i])
            {
                var kind = Kind(ids[i]);
                wrong[kind] = wrong.GetValueOrDefault(kind) + 1;
                if (examples.Count < examplesWanted / 2)
                {
                    examples.Add($"  wrong merge: {ids[i]} -> {predicted[i]} {explain(ids[i], predicted[i])}");
                }
            }
            else if (!predictedCopy && isCopy && truthGroup[i] != ids[i] && ids.IndexOf(truthGroup[i]) is var o && o >= 0 && o < i)
            {
                var kind = variants.GetValueOrDefault(ids[i], "unknown");
                missed[kind] = missed.GetValueOrDefault(kind) + 1;
                var lost = stage?.Invoke(ids[i], truthGroup[i]) ?? "";
                var shortness = kind.StartsWith("brief", StringComparison.Ordinal) ? "short" : "long";
                stages[lost + "/" + shortness] = stages.GetValueOrDefault(lost + "/" + shortness) + 1;
                if (examples.Count < examplesWanted)
                {
                    examples.Add($"  missed copy: {ids[i]} ({kind}) lost at {lost}: {explain(ids[i], truthGroup[i])}");
                }
            }
        }

        Console.WriteLine("errors: wrong merges " + Format(wrong) + "; missed copies " + Format(missed));
        if (stage is not null)
        {
            Console.WriteLine("missed copies by the stage that lost them first (stage/item kind): " + Format(stages));
        }

        examples.ForEach(Console.WriteLine);
    }

    private static string Kind(string id)
    {
        var parts = id.Split('-');
        return parts.Length > 1 && parts[0] == "neg" ? "neg-" + parts[1] : parts[0];
    }

    private static string Format(Dictionary<string, int> counts) =>
        counts.Count == 0 ? "none" : string.Join(", ", counts.OrderByDescending(kv => kv.Value).Select(kv => $"{kv.Key}={kv.Value}"));

    private static int IndexOf(this IReadOnlyList<string> list, string value)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] == value)
            {
                return i;
            }
        }

        return -1;
    }
}
