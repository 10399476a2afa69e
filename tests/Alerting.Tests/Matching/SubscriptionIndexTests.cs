namespace MediaMonitor.Alerting.Tests.Matching;

/// <summary>
/// Edge cases of the stored-query index's hashing, staging and reuse, each checked against evaluating every query
/// (the corpus-wide differential test needs ../shared/data; these do not).
/// </summary>
public sealed class SubscriptionIndexTests
{
    private static readonly string LongWord = string.Concat(Enumerable.Repeat("kazakh", 14));

    [Fact]
    public void A_wildcard_or_word_longer_than_sixty_three_characters_matches_as_evaluation_does()
    {
        var queries = new[] { LongWord[..70] + "*", LongWord[..40] + "*", LongWord, LongWord[..70] + "x*", "\"" + LongWord + " center\"" };
        var documents = new[] { Document($"News of {LongWord} center today"), Document($"Only {LongWord[..70]} here"), Document("nothing") };
        AssertSameAsEvaluation(queries, documents, expectedMatches: 6);
    }

    [Fact]
    public void An_article_with_thousands_of_distinct_words_finds_its_last_word_and_wildcard()
    {
        // Hexadecimal names: the last of the 5,000 words is w1387q (4999), and w1388q does not occur.
        var words = Enumerable.Range(0, 5000).Select(i => "w" + i.ToString("x", System.Globalization.CultureInfo.InvariantCulture) + "q").ToList();
        var queries = new[] { "w1387q", "w1387*", "w1387q NOT w1388q", "w1387q NEAR/0 w1388q", "\"w1386q w1387q\"", "title:w1387q", "w9999q" };
        AssertSameAsEvaluation(queries, [Document(string.Join(' ', words))], expectedMatches: 4);
    }

    [Fact]
    public void A_title_word_a_text_word_and_an_outlet_word_are_told_apart()
    {
        var queries = new[] { "title:nato", "nato", "source:nato", "title:kazakh*", "source:bbc*", "title:almaty NOT nato" };
        var documents = new[]
        {
            MatchDocument.Create("NATO center", "Kazakhstan hosts it", "BBC News", "en", null),
            MatchDocument.Create("Kazakhstan", "NATO center", "Nato Watch", "en", null),
            MatchDocument.Create("Almaty", "center", "Reuters", "en", null),
        };
        AssertSameAsEvaluation(queries, documents, expectedMatches: 7);
    }

    [Fact]
    public void Ands_of_words_nots_and_nots_of_ors_evaluate_as_the_query_tree_does()
    {
        var queries = new[]
        {
            "nato center", "nato NOT center", "nato AND NOT (center OR almaty)", "nato AND NOT (almaty OR astana) kazakh*",
            "(nato OR astana) AND NOT (center OR lang:fr)", "lang:en nato", "lang:fr nato", "nato OR almaty OR kazakh*",
        };
        var documents = new[]
        {
            Document("NATO center in Kazakhstan"), Document("NATO in Astana"), Document("Almaty and NATO"), Document("center"),
            MatchDocument.Create("NATO", "Astana", "Le Monde", "fr", null),
        };
        AssertSameAsEvaluation(queries, documents, expectedMatches: 17);
    }

    [Fact]
    public void A_thread_matching_against_two_indexes_in_turn_keeps_no_state_from_the_other()
    {
        var small = Index(["nato", "nato OR astana"]);
        var large = Index([.. Enumerable.Range(0, 3000).Select(i => "word" + i), "nato center"]);
        var article = Document("NATO center");
        var empty = Document("zebra");
        for (var round = 0; round < 3; round++)
        {
            Assert.Equal([0, 1], small.Match(article));
            Assert.Equal([3000], large.Match(article));
            Assert.Empty(large.Match(empty));
            Assert.Empty(small.Match(empty));
        }
    }

    private static void AssertSameAsEvaluation(string[] texts, MatchDocument[] documents, int expectedMatches)
    {
        var queries = texts.Select(t => QueryParser.Parse(t).Query ?? throw new InvalidOperationException($"'{t}' does not parse")).ToList();
        var index = new SubscriptionIndex<int>([.. Enumerable.Range(0, queries.Count)], i => queries[i]);
        var matches = 0;
        foreach (var document in documents)
        {
            var naive = Enumerable.Range(0, queries.Count).Where(i => queries[i].Matches(document)).ToList();
            Assert.Equal(naive, index.Match(document));
            matches += naive.Count;
        }

        // The expected count pins the cases down: a bug in both evaluators at once would still change it.
        Assert.Equal(expectedMatches, matches);
    }

    private static SubscriptionIndex<int> Index(string[] texts)
    {
        var queries = texts.Select(t => QueryParser.Parse(t).Query!).ToList();
        return new SubscriptionIndex<int>([.. Enumerable.Range(0, queries.Count)], i => queries[i]);
    }

    private static MatchDocument Document(string text) => MatchDocument.Create(string.Empty, text, "Example", "en", null);
}
