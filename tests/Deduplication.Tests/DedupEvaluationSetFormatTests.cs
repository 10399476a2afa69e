namespace MediaMonitor.Deduplication.Tests;

/// <summary>deploy/local/eval.sh dedup runs on any articles.jsonl + groups.tsv, not only on the generator's own sets.</summary>
public sealed class DedupEvaluationSetFormatTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("dedup-set-").FullName;

    private const string Story =
        "The central bank of Kazakhstan raised its base rate by half a point on Friday, citing inflation that has stayed " +
        "above target for eleven months. Governor Timur Suleimenov told reporters in Almaty that further increases were " +
        "possible if food prices kept rising, and that the tenge would remain freely floating. Analysts at Halyk Finance " +
        "had expected the move after the statistics agency reported annual inflation of 8.7 percent in October.";

    private const string Other =
        "Heavy snow closed the main road between Oslo and Bergen for a second day, the Norwegian road authority said, and " +
        "trains on the Bergen line ran with delays of up to three hours. Ski resorts in Hemsedal opened a week early after " +
        "thirty centimetres fell overnight, while farmers in the west valleys reported power cuts lasting most of the night.";

    [Fact]
    public async Task Evaluation_runs_on_a_set_whose_group_labels_are_not_article_ids_and_without_generator_files()
    {
        var t = new DateTimeOffset(2026, 11, 2, 8, 0, 0, TimeSpan.Zero);
        BenchmarkArticle[] articles =
        [
            new("a1", "wire", "https://wire.example/a1", "Kazakhstan raises base rate", Story, t),
            new("b7", "daily", "https://daily.example/b7", "Kazakhstan raises base rate", Story, t.AddMinutes(30)),
            new("c3", "post", "https://post.example/c3", "Snow closes Oslo-Bergen road", Other, t.AddHours(1)),
            new("d9", "herald", "https://herald.example/d9", "Snow closes Oslo-Bergen road", Other, t.AddHours(2)),
            // Labelled a copy of the rate story but sharing nothing with it: a miss the error reports must explain, not crash on.
            new("e5", "gazette", "https://gazette.example/e5", "Weather", Other.Replace("Oslo", "Trondheim", StringComparison.Ordinal)[..120], t.AddHours(3)),
        ];
        await File.WriteAllLinesAsync(Path.Combine(_dir, "articles.jsonl"), articles.Select(a => a.ToJson()));
        // Labels are free text, and none of the generator's variants.tsv / stories.tsv is present.
        await File.WriteAllLinesAsync(Path.Combine(_dir, "groups.tsv"), ["a1\trate-story", "b7\trate-story", "c3\tsnow", "d9\tsnow", "e5\trate-story"]);
        var verdicts = Path.Combine(_dir, "verdicts.tsv");

        var exit = await new DedupEvaluation().RunAsync([_dir, "--out", verdicts, "--examples", "4"]);

        Assert.Equal(0, exit);
        var byId = File.ReadAllLines(verdicts).Select(l => l.Split('\t')).ToDictionary(p => p[0]);
        Assert.Equal(["original", "duplicate", "original", "duplicate"], articles.Take(4).Select(a => byId[a.Id][1]));
        Assert.Equal("a1", byId["b7"][2]);
        Assert.Equal("c3", byId["d9"][2]);
    }

    [Fact]
    public async Task Evaluation_writes_each_article_with_the_earlier_candidates_it_was_judged_against()
    {
        var t = new DateTimeOffset(2026, 11, 2, 8, 0, 0, TimeSpan.Zero);
        BenchmarkArticle[] articles =
        [
            new("a1", "wire", "https://wire.example/a1", "Kazakhstan raises base rate", Story, t),
            new("b7", "daily", "https://daily.example/b7", "Kazakhstan raises base rate", Story + " Leave a comment.", t.AddMinutes(30)),
            new("c3", "post", "https://post.example/c3", "Snow closes Oslo-Bergen road", Other, t.AddHours(1)),
        ];
        await File.WriteAllLinesAsync(Path.Combine(_dir, "articles.jsonl"), articles.Select(a => a.ToJson()));
        await File.WriteAllLinesAsync(Path.Combine(_dir, "groups.tsv"), ["a1\trate-story", "b7\trate-story", "c3\tsnow"]);
        var pairs = Path.Combine(_dir, "pairs.tsv");

        Assert.Equal(0, await new DedupEvaluation().RunAsync([_dir, "--pairs", pairs]));

        var lines = File.ReadAllLines(pairs).Select(l => l.Split('\t')).ToList();
        var header = lines[0];
        Assert.Equal(["article", "candidate", "same_group", "score"], header.Take(4));
        // The copy against its original (one group in groups.tsv, judged a copy); the first article and the unrelated one
        // have no earlier candidate.
        var row = Assert.Single(lines.Skip(1));
        Assert.Equal(header.Length, row.Length);
        Assert.Equal(["b7", "a1", "1"], row.Take(3));
        Assert.True(double.Parse(row[3], System.Globalization.CultureInfo.InvariantCulture) > 0);
    }

    [Fact]
    public async Task Evaluation_reports_a_repeated_article_id_as_bad_input()
    {
        var t = new DateTimeOffset(2026, 11, 2, 8, 0, 0, TimeSpan.Zero);
        var a = new BenchmarkArticle("x", "wire", "https://wire.example/x", "Title", Story, t);
        await File.WriteAllLinesAsync(Path.Combine(_dir, "articles.jsonl"), [a.ToJson(), (a with { Url = "https://other.example/x" }).ToJson()]);

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => new DedupEvaluation().RunAsync([_dir]));
        Assert.Contains("repeats article ids", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Group_labels_become_the_earliest_article_of_the_group_and_unlisted_articles_stay_alone()
    {
        var labels = new Dictionary<string, string> { ["p"] = "g1", ["r"] = "g1", ["s"] = "q" };

        var groups = TruthLabels.FirstArticleOf(["p", "q", "r", "s"], labels);

        // "s" carries the label "q", which is also a lone article's id: it must not join that article.
        Assert.Equal(["p", "q", "p", "s"], groups);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
