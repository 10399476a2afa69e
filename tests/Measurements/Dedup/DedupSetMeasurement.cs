namespace MediaMonitor.Measurements.Dedup;

/// <summary>
/// deploy/local/eval.sh dedup-set DIR [--seed N]: writes DIR/articles.jsonl, DIR/groups.tsv (copies), DIR/stories.tsv
/// (copies and other articles about the same event) and DIR/variants.tsv (the edits of each variant), a benchmark set made
/// from ../shared/data/news-corpus-bbc-greene (read at run time; the set is written outside the repository).
/// </summary>
public sealed class DedupSetMeasurement : IMeasurement
{
    public string Verb => "eval";

    public string Kind => "dedup-set";

    public async Task<int> RunAsync(string[] args)
    {
        var dir = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal));
        if (dir is null)
        {
            await Console.Error.WriteLineAsync("usage: eval.sh dedup-set DIR [--seed N]");
            return 2;
        }

        var seedAt = Array.IndexOf(args, "--seed");
        var seed = seedAt >= 0 && seedAt + 1 < args.Length ? int.Parse(args[seedAt + 1], System.Globalization.CultureInfo.InvariantCulture) : 20261129;
        var corpusFolder = SharedDataFolder.PathTo("news-corpus-bbc-greene");
        var corpus = BbcCorpus.Read(corpusFolder);
        var (articles, groups, edits, stories) = new DedupSetGenerator(seed).Generate(corpus);

        Directory.CreateDirectory(dir);
        await File.WriteAllLinesAsync(Path.Combine(dir, "articles.jsonl"), articles.Select(a => a.ToJson()));
        await File.WriteAllLinesAsync(Path.Combine(dir, "groups.tsv"), groups.Select(g => g.Id + "\t" + g.Group));
        await File.WriteAllLinesAsync(Path.Combine(dir, "variants.tsv"), edits.Select(e => e.Key + "\t" + e.Value));
        await File.WriteAllLinesAsync(Path.Combine(dir, "stories.tsv"), stories.Select(s => s.Id + "\t" + s.Story));
        Console.WriteLine($"dedup-set: articles={articles.Count} corpus={corpus.Count} grouped={groups.Count} groups={groups.Select(g => g.Group).Distinct().Count()} stories={stories.Select(s => s.Story).Distinct().Count()} dir={dir}");
        return 0;
    }
}
