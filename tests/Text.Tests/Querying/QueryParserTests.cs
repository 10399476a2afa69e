using MediaMonitor.Text.Querying;

namespace MediaMonitor.Text.Tests.Querying;

public sealed class QueryParserTests
{
    private static string Canonical(string text)
    {
        var result = QueryParser.Parse(text);
        Assert.True(result.IsValid, $"'{text}' should parse but: {result.Error}");
        return result.Query!.ToString();
    }

    private static QueryParseError Error(string text)
    {
        var result = QueryParser.Parse(text);
        Assert.False(result.IsValid, $"'{text}' should not parse but gave {result.Query}");
        return result.Error!;
    }

    [Theory]
    [InlineData("NATO center Kazakhstan", "(nato AND center AND kazakhstan)")]
    [InlineData("NATO AND center", "(nato AND center)")]
    [InlineData("\"Peace Keeping\" Almaty", "(\"peace keeping\" AND almaty)")]
    [InlineData("a OR b c", "(a OR (b AND c))")]
    [InlineData("(a OR b) c", "((a OR b) AND c)")]
    [InlineData("a NOT b", "(a AND NOT b)")]
    [InlineData("a AND NOT (b OR c)", "(a AND NOT (b OR c))")]
    [InlineData("nato NEAR/3 kazakhstan", "nato NEAR/3 kazakhstan")]
    [InlineData("\"dmitry peskov\" NEAR/10 sanction*", "\"dmitry peskov\" NEAR/10 sanction*")]
    [InlineData("sanction*", "sanction*")]
    [InlineData("title:Kazakhstan source:bbc", "(title:kazakhstan AND source:bbc)")]
    [InlineData("title:(nato OR csto)", "(title:nato OR title:csto)")]
    [InlineData("lang:EN nato", "(lang:en AND nato)")]
    [InlineData("entity:\"Dmitry Peskov\"", "entity:\"dmitry peskov\"")]
    [InlineData("person:Peskov org:NATO place:Astana country:Kazakhstan", "(person:\"peskov\" AND org:\"nato\" AND place:\"astana\" AND country:\"kazakhstan\")")]
    [InlineData("Mendkovič", "mendkovic")]
    [InlineData("e-mail", "\"e mail\"")]
    [InlineData("and or not", "(and AND or AND not)")]
    [InlineData("“NATO centre”", "\"nato centre\"")]
    [InlineData("https://example.org", "\"https example org\"")]
    public void Parses_into_the_expected_tree(string text, string canonical) => Assert.Equal(canonical, Canonical(text));

    [Theory]
    [InlineData("nato OR csto kazakhstan NOT (football OR sanction*)")]
    [InlineData("title:\"nato center\" NEAR/2 kazakhstan")]
    [InlineData("source:\"radio free\" NEAR/1 source:europe")]
    [InlineData("entity:\"Dmitry Peskov\" AND Kazakhstan")]
    public void Canonical_text_parses_back_into_the_same_tree(string text)
    {
        var canonical = Canonical(text);

        Assert.Equal(canonical, Canonical(canonical));
    }

    [Theory]
    [InlineData("", 0, "empty")]
    [InlineData("   ", 0, "empty")]
    [InlineData("nato AND", 5, "AND needs a word")]
    [InlineData("nato OR OR csto", 5, "OR needs a word")]
    [InlineData("(nato csto", 0, "never closed")]
    [InlineData("nato csto)", 9, "closes nothing")]
    [InlineData("nato ()", 5, "empty")]
    [InlineData("\"nato center", 0, "never closed")]
    [InlineData("nato NEAR kazakhstan", 5, "NEAR needs a distance")]
    [InlineData("nato NEAR/x kazakhstan", 5, "whole number")]
    [InlineData("(a OR b) NEAR/3 c", 0, "NEAR/3 measures")]
    [InlineData("a NEAR/3 b NEAR/3 c", 11, "exactly two")]
    [InlineData("sanc*tion", 4, "only allowed at the end")]
    [InlineData("s*", 0, "at least 2 letters")]
    [InlineData("author:smith", 0, "Unknown field 'author:'")]
    [InlineData("nato title: x", 5, "needs a value")]
    [InlineData("lang:english", 5, "two- or three-letter language code")]
    [InlineData("lang:e", 5, "two- or three-letter language code")]
    [InlineData("source:reuters NEAR/3 kazakhstan", 0, "NEAR/3 cannot measure a distance between the outlet's name (source:)")]
    [InlineData("nato kazakhstan NEAR/3 source:\"tass\"", 23, "cannot measure a distance between the outlet's name")]
    [InlineData("title:nato NEAR/2 source:tass*", 18, "source:reuters AND word")]
    [InlineData("NOT nato", 0, "must not contain")]
    [InlineData("nato OR NOT csto", 0, "must not contain")]
    [InlineData("!!!", 0, "no letters or digits")]
    [InlineData("\"nato* center\"", 0, "inside quotes")]
    [InlineData("entity:peskov*", 7, "wildcards are not allowed")]
    public void Reports_errors_with_position_and_a_helpful_message(string text, int position, string message)
    {
        var error = Error(text);

        Assert.Equal(position, error.Position);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Error_text_names_the_character_an_analyst_counts_from_one()
    {
        Assert.StartsWith("at character 6:", Error("nato AND").ToString(), StringComparison.Ordinal);
    }
}
