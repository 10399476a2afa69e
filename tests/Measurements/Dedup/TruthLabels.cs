namespace MediaMonitor.Measurements.Dedup;

/// <summary>
/// Turns the labels of groups.tsv / stories.tsv (any text: "g17", "story-9", or an article id) into the id of the
/// earliest article carrying each label, so the scorers and error reports only ever see article ids.
/// </summary>
public static class TruthLabels
{
    /// <param name="ids">article ids in published order</param>
    /// <param name="labels">article id -> group label; an unlisted article is alone</param>
    public static List<string> FirstArticleOf(IReadOnlyList<string> ids, IReadOnlyDictionary<string, string> labels)
    {
        ArgumentNullException.ThrowIfNull(ids);
        ArgumentNullException.ThrowIfNull(labels);
        var first = new Dictionary<string, string>(StringComparer.Ordinal);
        var result = new List<string>(ids.Count);
        foreach (var id in ids)
        {
            // Prefixes keep a lone article whose id happens to equal some group's label out of that group.
            var label = labels.TryGetValue(id, out var l) ? "group:" + l : "alone:" + id;
            result.Add(first.TryAdd(label, id) ? id : first[label]);
        }

        return result;
    }

    /// <summary>A clear error instead of a crash later when articles.jsonl repeats an id.</summary>
    public static void RequireUniqueIds(IEnumerable<string> ids)
    {
        var repeated = ids.GroupBy(i => i, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).Take(5).ToList();
        if (repeated.Count > 0)
        {
            throw new InvalidDataException("articles.jsonl repeats article ids (each line needs its own id): " + string.Join(", ", repeated));
        }
    }
}
