namespace MediaMonitor.Measurements.Dedup;

/// <summary>
/// deploy/local/eval.sh dedup-set DIR [--seed N] [--corpus bbc|conll] [--templates tuning|heldout]: writes
/// DIR/articles.jsonl, DIR/groups.tsv (copies), DIR/stories.tsv (copies and other articles about the same event) and
/// DIR/variants.tsv (the edits of each variant), a benchmark set made from ../shared/data/news-corpus-bbc-greene (bbc,
/// the default) or from the Reuters text of ../shared/data/ner-conll2003-dev/eng.train reassembled into documents
/// (conll), read at run time; the set is written outside the repository. --templates wraps every article in site
/// templates of that family and adds short items and templated briefs (<see cref="DedupSetGenerator"/>): tune on
/// "--corpus bbc --templates tuning", keep "--corpus conll --templates heldout" as the set nobody tunes on.
/// </summary>
public sealed class DedupSetMeasurement : IMeasurement
{
    public string Verb => "eval";

    public string Kind => "dedup-set";

    public async Task<int> RunAsync(string[] args)
    {
        var dir = args.Where((a, i) => !a.StartsWith("--", StringComparison.Ordinal) && (i == 0 || !args[i - 1].StartsWith("--", StringComparison.Ordinal))).FirstOrDefault();
        if (dir is null)
        {
            await Console.Error.WriteLineAsync("usage: eval.sh dedup-set DIR [--seed N] [--corpus bbc|conll] [--templates tuning|heldout]");
            return 2;
        }

        var seed = int.Parse(Option(args, "--seed") ?? "20261129", System.Globalization.CultureInfo.InvariantCulture);
        var corpusName = Option(args, "--corpus") ?? "bbc";
        var family = Option(args, "--templates");
        if (corpusName is not ("bbc" or "conll") || family is not (null or "tuning" or "heldout"))
        {
            await Console.Error.WriteLineAsync("usage: eval.sh dedup-set DIR [--seed N] [--corpus bbc|conll] [--templates tuning|heldout]");
            return 2;
        }

        var corpus = corpusName == "conll"
            ? ConllCorpus.Read(SharedDataFolder.PathTo("ner-conll2003-dev"))
            : BbcCorpus.Read(SharedDataFolder.PathTo("news-corpus-bbc-greene"));
        var (articles, groups, edits, stories) = new DedupSetGenerator(seed, family).Generate(corpus);

        Directory.CreateDirectory(dir);
        await File.WriteAllLinesAsync(Path.Combine(dir, "articles.jsonl"), articles.Select(a => a.ToJson()));
        await File.WriteAllLinesAsync(Path.Combine(dir, "groups.tsv"), groups.Select(g => g.Id + "\t" + g.Group));
        await File.WriteAllLinesAsync(Path.Combine(dir, "variants.tsv"), edits.Select(e => e.Key + "\t" + e.Value));
        await File.WriteAllLinesAsync(Path.Combine(dir, "stories.tsv"), stories.Select(s => s.Id + "\t" + s.Story));
        Console.WriteLine($"dedup-set: articles={articles.Count} corpus={corpus.Count} grouped={groups.Count} groups={groups.Select(g => g.Group).Distinct().Count()} stories={stories.Select(s => s.Story).Distinct().Count()} corpus={corpusName} templates={family ?? "none"} dir={dir}");
        return 0;
    }

    private static string? Option(string[] args, string name)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
    }
}
