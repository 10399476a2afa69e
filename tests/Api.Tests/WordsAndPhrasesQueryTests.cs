using MediaMonitor.Api.Queries;

namespace MediaMonitor.Api.Tests;

public sealed class WordsAndPhrasesQueryTests
{
    private static bool Matches(string query, string title, string text)
    {
        Assert.True(WordsAndPhrasesQuery.TryParse(query, out var parsed, out var error), error);
        return parsed.Matches(new MatchableArticle(title, text, []));
    }

    [Fact]
    public void All_words_must_appear_in_title_or_text_in_any_order_and_case() =>
        Assert.True(Matches("NATO center Kazakhstan", "Kremlin asks Kazakhstan", "A new nato peacekeeping CENTER opened."));

    [Fact]
    public void A_missing_word_means_no_match() =>
        Assert.False(Matches("NATO center Kazakhstan", "A data center in Almaty", "Kazakhstan opens a data center."));

    [Fact]
    public void Diacritics_and_punctuation_do_not_matter() =>
        Assert.True(Matches("timofeev", "", "TIMOFÉEV, head of the council, said..."));

    [Fact]
    public void A_quoted_phrase_needs_its_words_adjacent_and_in_order()
    {
        Assert.True(Matches("\"peacekeeping center\" Almaty", "", "The peacekeeping center near Almaty."));
        Assert.False(Matches("\"peacekeeping center\"", "", "The center for peacekeeping operations."));
        Assert.True(Matches("“Dmitry Peskov”", "", "Kremlin spokesman Dmitry Peskov said."));
    }

    [Theory]
    [InlineData("NATO \"center", "unbalanced quote")]
    [InlineData("", "query is required")]
    [InlineData("\"\" NATO", "empty phrase")]
    [InlineData("?? !!", "no words")]
    public void Unusable_queries_are_rejected_with_a_reason(string query, string reason)
    {
        Assert.False(WordsAndPhrasesQuery.TryParse(query, out _, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Queries_longer_than_the_limit_are_rejected()
    {
        Assert.False(WordsAndPhrasesQuery.TryParse(string.Join(' ', Enumerable.Range(0, 40).Select(i => "w" + i)), out _, out var error));
        Assert.Contains("more than 32", error, StringComparison.Ordinal);
    }
}
