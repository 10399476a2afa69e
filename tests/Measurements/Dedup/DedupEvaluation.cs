using System.Diagnostics;
using MediaMonitor.Contracts.Deduplication;
using MediaMonitor.Contracts;
using MediaMonitor.Deduplication.Decisions;
using MediaMonitor.Deduplication.Fingerprinting;
using MediaMonitor.Deduplication.Index;
using MediaMonitor.Deduplication.Stories;

namespace MediaMonitor.Measurements.Dedup;

/// <summary>
/// deploy/local/eval.sh dedup DIR [--out FILE] [--window-days N] [--pairs FILE]: feeds DIR/articles.jsonl in published order
/// through the service's fingerprint, index and decision code, scores it against DIR/groups.tsv, and does the same for the
/// naive baseline. Prints where the errors are, then the baseline line and, last, the summary line. --pairs writes every
/// article with each earlier candidate the index gave it (tab-separated, with a header): whether the two are one copy group
/// in groups.tsv, the score and every measure of <see cref="FingerprintSimilarity"/>, so a change to the rules can be
/// screened on every pair before the sets are scored again.
/// </summary>
public sealed class DedupEvaluation : IMeasurement
{
    public string Verb => "eval";

    public string Kind => "dedup";

    public async Task<int> RunAsync(string[] args)
    {
        var dir = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal) && !IsOptionValue(args, a));
        if (dir is null)
        {
            await Console.Error.WriteLineAsync("usage: eval.sh dedup DIR [--out FILE] [--window-days N] [--examples N] [--pairs FILE]");
            return 2;
        }

        var outFile = Option(args, "--out");
        var pairsFile = Option(args, "--pairs");
        var pairLines = new List<string> { PairHeader };
        var windowDays = int.Parse(Option(args, "--window-days") ?? "30", System.Globalization.CultureInfo.InvariantCulture);
        var (articles, groups) = BenchmarkArticle.ReadSet(dir);
        articles = [.. articles.OrderBy(a => a.Published).ThenBy(a => a.Id, StringComparer.Ordinal)];
        var ids = articles.ConvertAll(a => a.Id);
        TruthLabels.RequireUniqueIds(ids);
        var truthGroup = TruthLabels.FirstArticleOf(ids, groups);
        var seenGroups = new HashSet<string>(StringComparer.Ordinal);
        var truthOriginal = truthGroup.ConvertAll(seenGroups.Add);
        var position = ids.Select((id, i) => (id, i)).ToDictionary(p => p.id, p => p.i, StringComparer.Ordinal);

        var guidOf = new Dictionary<Guid, string>();
        var index = new InMemoryDedupIndex(TimeSpan.FromDays(windowDays));
        var predicted = new List<string>(articles.Count);
        var predictedStory = new List<string>(articles.Count);
        var lines = new List<string>(articles.Count);
        var indexed = new Dictionary<string, (ArticleFingerprint Fingerprint, long[] Keys)>(StringComparer.Ordinal);
        var clock = Stopwatch.StartNew();
        foreach (var a in articles)
        {
            var guid = StreamIdentity.ForArticle(a.Url + "#" + a.Id);
            guidOf[guid] = a.Id;
            var decision = index.Add(guid, a.Title, a.Text, a.Published, SiteBoilerplate.SiteOf(a.Url));
            indexed[a.Id] = index.LastIndexed!.Value;
            if (pairsFile is not null)
            {
                var (fingerprint, keys) = index.LastIndexed!.Value;
                var group = truthGroup[position[a.Id]];
                foreach (var c in index.Candidates(keys, a.Published).Where(c => c.ArticleId != guid))
                {
                    var other = guidOf[c.ArticleId];
                    pairLines.Add(PairLine(a.Id, other, truthGroup[position[other]] == group, fingerprint, c.Fingerprint));
                }
            }

            var root = decision.DuplicateOf is { } of ? guidOf[of] : a.Id;
            predicted.Add(root);
            predictedStory.Add(guidOf.GetValueOrDefault(decision.StoryId, decision.StoryId.ToString()));
            lines.Add($"{a.Id}\t{(decision.Verdict == DedupVerdict.Original ? "original" : "duplicate")}\t{(root == a.Id ? "" : root)}\t{predictedStory[^1]}");
        }

        var ours = clock.Elapsed;
        clock.Restart();
        var naive = new NaiveBaseline();
        var naivePredicted = new List<string>(articles.Count);
        foreach (var a in articles)
        {
            var root = naive.Add(a.Text);
            naivePredicted.Add(root < 0 ? a.Id : ids[root]);
        }

        var naiveTime = clock.Elapsed;
        if (outFile is not null)
        {
            await File.WriteAllLinesAsync(outFile, lines);
        }

        if (pairsFile is not null)
        {
            await File.WriteAllLinesAsync(pairsFile, pairLines);
        }

        var variants = ReadVariants(dir);
        var byId = articles.ToDictionary(a => a.Id, StringComparer.Ordinal);
        var fingerprinter = new Fingerprinter();

        // Explained with the fingerprints as they were indexed (without the site templates known at the time).
        string Explain(string a, string b)
        {
            if (!indexed.TryGetValue(a, out var fa) || !indexed.TryGetValue(b, out var fb))
            {
                return "";
            }

            var shareKey = fa.Keys.Intersect(fb.Keys).Any();
            return $"{FingerprintSimilarity.Between(fa.Fingerprint, fb.Fingerprint)} sharesKey={shareKey} terms={fa.Fingerprint.TermCount}/{fb.Fingerprint.TermCount}";
        }

        // Where a missed copy was lost first: no key shared with any earlier article of its group (candidate retrieval), or
        // candidates found but none judged a copy (the decision).
        string Stage(string copy, string original)
        {
            var (fc, kc) = indexed[copy];
            var at = position[copy];
            var reached = Enumerable.Range(0, at).Where(j => truthGroup[j] == original && indexed[ids[j]].Keys.Intersect(kc).Any()).ToList();
            if (reached.Count == 0)
            {
                return fc.IsShort ? "retrieval-exact-only" : "retrieval";
            }

            return reached.Any(j => DedupDecider.Score(FingerprintSimilarity.Between(fc, indexed[ids[j]].Fingerprint)) > 0) ? "window" : "decision";
        }

        string ExplainStory(string a, string b)
        {
            if (!byId.TryGetValue(a, out var articleA) || !byId.TryGetValue(b, out var articleB))
            {
                return "";
            }

            var ta = StoryClusterer.TermsOf(fingerprinter.Create(articleA.Title, articleA.Text));
            var tb = StoryClusterer.TermsOf(fingerprinter.Create(articleB.Title, articleB.Text));
            return $"sharedTerms={ta.Intersect(tb).Count()} terms={ta.Length}/{tb.Length} hours={(articleA.Published - articleB.Published).TotalHours:0}";
        }

        var examples = int.Parse(Option(args, "--examples") ?? "16", System.Globalization.CultureInfo.InvariantCulture);
        DedupErrorReport.Print(ids, predicted, truthGroup, variants, Explain, examples, Stage);
        Console.WriteLine($"timing: ours {ours.TotalSeconds:0.00}s, naive {naiveTime.TotalSeconds:0.00}s for {articles.Count} articles");
        var stories = BenchmarkArticle.ReadStories(dir, groups);
        var truthStory = TruthLabels.FirstArticleOf(ids, stories);
        StoryErrorReport.Print(ids, predictedStory, truthStory, ExplainStory, examples / 2);
        Console.WriteLine(PairScores.Compute(predictedStory, truthStory, truthOriginal, ids).StoryLine("dedup-stories"));
        foreach (var k in (Option(args, "--simhash-k") ?? "3,9").Split(','))
        {
            var maxDistance = int.Parse(k, System.Globalization.CultureInfo.InvariantCulture);
            Console.WriteLine(SimHashVariant.Run(articles, TimeSpan.FromDays(windowDays), maxDistance).Compute(truthGroup, truthOriginal, ids).Line($"dedup-simhash-k{maxDistance}"));
        }

        Console.WriteLine(PairScores.Compute(naivePredicted, truthGroup, truthOriginal, ids).Line("dedup-naive"));
        Console.WriteLine(PairScores.Compute(predicted, truthGroup, truthOriginal, ids).Line("dedup"));
        return 0;
    }

    private const string PairHeader =
        "article\tcandidate\tsame_group\tscore\texact\tjaccard\tcontainment\tname_containment\tnumber_containment\tshared_sentences\t" +
        "sentence_containment\tlead_coverage\tfewer_names\tfewer_numbers\tshort_text\tlead_run\tlater_term_ratio\tlater_own_sentences\t" +
        "terms\tcandidate_terms\tsentences\tcandidate_sentences";

    private static string PairLine(string article, string candidate, bool sameGroup, ArticleFingerprint a, ArticleFingerprint b)
    {
        var s = FingerprintSimilarity.Between(a, b);
        return string.Join('\t', [
            article, candidate, sameGroup ? "1" : "0", Number(DedupDecider.Score(s)), s.Exact ? "1" : "0", Number(s.Jaccard), Number(s.Containment),
            Number(s.NameContainment), Number(s.NumberContainment), Number(s.SharedSentences), Number(s.SentenceContainment), Number(s.LeadCoverage),
            Number(s.FewerNames), Number(s.FewerNumbers), s.ShortText ? "1" : "0", Number(s.LeadRun), Number(s.LaterTermRatio), Number(s.LaterOwnSentences),
            Number(a.TermCount), Number(b.TermCount), Number(a.Sentences.Length), Number(b.Sentences.Length)]);
    }

    private static string Number(double value) => value.ToString("0.####", System.Globalization.CultureInfo.InvariantCulture);

    private static Dictionary<string, string> ReadVariants(string dir)
    {
        var path = Path.Combine(dir, "variants.tsv");
        return File.Exists(path)
            ? File.ReadLines(path).Select(l => l.Split('\t')).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal)
            : [];
    }

    private static string? Option(string[] args, string name)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
    }

    private static bool IsOptionValue(string[] args, string value)
    {
        var at = Array.IndexOf(args, value);
        return at > 0 && args[at - 1].StartsWith("--", StringComparison.Ordinal);
    }
}
