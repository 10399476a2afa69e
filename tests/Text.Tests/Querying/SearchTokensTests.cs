using MediaMonitor.Text.Querying;

namespace MediaMonitor.Text.Tests.Querying;

public sealed class SearchTokensTests
{
    /// <summary>The lexemes of <see cref="SearchTokens.ForText"/>'s tsvector text form, each with its positions (empty: none).</summary>
    private static Dictionary<string, int[]> Lexemes(string vector) =>
        vector.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(entry => entry.Split(':')).ToDictionary(
            parts => parts[0], parts => parts.Length == 1 ? [] : parts[1].Split(',').Select(int.Parse).ToArray(), StringComparer.Ordinal);

    [Fact]
    public void Title_and_text_tokens_carry_the_matchers_word_positions_plus_one_and_the_outlets_none()
    {
        const string title = "Minister calls election";
        const string text = "The prime minister called an early election; the minister of Zürich spoke.";
        var lexemes = Lexemes(SearchTokens.ForText(title, text, "Herald Wire", "https://herald.example/a"));
        var document = MatchDocument.Create(title, text, "", null, []);
        for (var slot = 0; slot < document.Text.Count; slot++)
        {
            var token = SearchTokens.Of(document.Text.TermAt(slot));
            Assert.Equal(document.Text.PositionsAt(slot).ToArray().Select(p => p + 1), lexemes[token]);
        }

        Assert.Equal([1, 70, 76], lexemes["minister"]);
        Assert.Empty(lexemes["herald"]);
        Assert.Empty(lexemes["wire"]);
        Assert.Empty(lexemes[SearchTokens.ExactPositions]);
    }

    [Fact]
    public void A_word_past_a_tsvectors_limits_loses_its_positions_and_the_vector_its_exact_mark()
    {
        var often = Lexemes(SearchTokens.ForText("Title", string.Join(' ', Enumerable.Repeat("again", 257)) + " end", null, null));
        Assert.Empty(often["again"]);
        Assert.Single(often["end"]);
        Assert.False(often.ContainsKey(SearchTokens.ExactPositions));

        var exactlyEnough = Lexemes(SearchTokens.ForText("Title", string.Join(' ', Enumerable.Repeat("again", 256)), null, null));
        Assert.Equal(256, exactlyEnough["again"].Length);
        Assert.True(exactlyEnough.ContainsKey(SearchTokens.ExactPositions));

        var late = Lexemes(SearchTokens.ForText("", string.Join(' ', Enumerable.Range(0, 16_400).Select(i => "w" + i)), null, null));
        Assert.Equal([16_383], late["w" + (16_383 - 65)]);
        Assert.Empty(late["w" + (16_384 - 65)]);
        Assert.False(late.ContainsKey(SearchTokens.ExactPositions));
    }

    [Fact]
    public void Phrases_and_near_of_two_different_text_words_have_a_positional_form_and_other_clauses_none()
    {
        Assert.Equal("minister <1> election | election <1> minister | minister <2> election | election <2> minister",
            SearchPrefilter.Positional(QueryParser.Parse("minister NEAR/1 election").Query!));
        Assert.Equal("early <-> election", SearchPrefilter.Positional(QueryParser.Parse("\"early election\"").Query!));
        Assert.Equal("(early <-> election) | !xpositions", SearchPrefilter.PositionalGuard(QueryParser.Parse("\"early election\"").Query!));
        foreach (var query in new[] { "title:\"early election\"", "minister NEAR/2 minister", "minist* NEAR/2 election", "\"early election\" NEAR/2 minister", "minister NEAR/21 election" })
        {
            Assert.Null(SearchPrefilter.Positional(QueryParser.Parse(query).Query!));
        }
    }
}
