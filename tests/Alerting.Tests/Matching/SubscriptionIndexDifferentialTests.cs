using MediaMonitor.Alerting.Workload;

namespace MediaMonitor.Alerting.Tests.Matching;

/// <summary>The presearcher must find exactly what evaluating every query finds, over real articles and generated queries.</summary>
public sealed class SubscriptionIndexDifferentialTests
{
    private const int Articles = 200;
    private const int Queries = 10_000;
    private const int RareQueries = 2_200;
    private const int Unanchored = 50;

    [SkippableFact]
    public void Index_matches_exactly_what_naive_evaluation_matches_over_the_SharedData_BBC_corpus()
    {
        var corpus = NewsCorpus.Load(SharedData.PathTo("news-corpus-bbc-greene"), Articles);
        var generator = new SubscriptionGenerator(corpus, seed: 20261129);
        var texts = Enumerable.Range(0, Queries).Select(generator.Next).Concat(Enumerable.Range(0, RareQueries).Select(generator.NextRare)).ToList();
        var parsed = texts.Select(t => (Text: t, Result: QueryParser.Parse(t))).ToList();
        Assert.All(parsed, p => Assert.True(p.Result.IsValid, $"generated query '{p.Text}' does not parse: {p.Result.Error}"));
        // The parser refuses queries no word anchors, but the index must still be exact for them (checked every time).
        var unanchored = Enumerable.Range(0, Unanchored).Select(i => (Query)new OrQuery([
            QueryParser.Parse(generator.Next(i * SubscriptionGenerator.Shapes)).Query!,
            new NotQuery(QueryParser.Parse(generator.Next(i * SubscriptionGenerator.Shapes)).Query!)])).ToList();
        texts.AddRange(unanchored.Select(q => q.ToString()));
        var queries = parsed.Select(p => p.Result.Query!).Concat(unanchored).ToList();
        var index = new SubscriptionIndex<int>([.. Enumerable.Range(0, queries.Count)], i => queries[i]);

        var matches = 0L;
        var candidates = 0L;
        var matchedShapes = new HashSet<int>();
        foreach (var article in corpus)
        {
            var document = article.ToDocument();
            var naive = Enumerable.Range(0, queries.Count).Where(i => queries[i].Matches(document)).ToList();
            var indexed = index.Match(document);
            Assert.True(naive.SequenceEqual(indexed),
                $"'{article.Title}': naive found {naive.Count}, the index {indexed.Count}; first difference: " +
                string.Join(" | ", naive.Except(indexed).Concat(indexed.Except(naive)).Take(3).Select(i => texts[i])));
            matches += naive.Count;
            candidates += index.Candidates(document).Count;
            matchedShapes.UnionWith(naive.Select(Shape));
        }

        Assert.Equal(Unanchored, index.UnindexedCount);
        Assert.Equal(SubscriptionGenerator.Shapes + SubscriptionGenerator.RareShapes + 1, matchedShapes.Count);
        Assert.True(matches > Articles * 5, $"only {matches} matches: the generated queries barely test anything");
        Assert.True(candidates < (long)Articles * texts.Count / 10, $"{candidates} candidates: the index hardly prunes");
    }

    private static int Shape(int i) => i < Queries ? i % SubscriptionGenerator.Shapes
        : i < Queries + RareQueries ? SubscriptionGenerator.Shapes + ((i - Queries) % SubscriptionGenerator.RareShapes)
        : SubscriptionGenerator.Shapes + SubscriptionGenerator.RareShapes;
}
