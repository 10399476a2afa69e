using MediaMonitor.Api.Queries;

namespace MediaMonitor.Api.Tests;

public sealed class SubscriptionQueryLanguageTests
{
    private static readonly SubscriptionQueryLanguage Language = new();

    private static readonly MatchableArticle Article = new(
        "Kremlin asks Astana about a NATO center",
        "A new NATO peacekeeping center was reported in Kazakhstan. Dmitry Peskov asked for details.",
        "Capital Courier",
        "http://127.0.0.1:55430/capital-courier/2026/11/29/story",
        [
            new TaggedEntity("per:dmitry-peskov", "Dmitry Peskov", EntityType.Person, 1, 0.3, ["Dmitry Peskov"]),
            new TaggedEntity("country:KZ", "Kazakhstan", EntityType.Location, 1, 0.5, ["Kazakhstan"]),
        ]);

    private static bool Matches(string query)
    {
        Assert.True(Language.TryCompile(query, out var compiled, out var error), error?.ToString());
        return compiled.Matches(Article);
    }

    [Theory]
    [InlineData("NATO center Kazakhstan", true)]
    [InlineData("nato CENTER kazakhstan", true)]
    [InlineData("NATO center Kyrgyzstan", false)]
    [InlineData("\"peacekeeping center\"", true)]
    [InlineData("\"center peacekeeping\"", false)]
    [InlineData("entity:\"Dmitry Peskov\" AND Kazakhstan", true)]
    [InlineData("country:Kazakhstan NOT football", true)]
    [InlineData("source:courier", true)]
    [InlineData("source:herald", false)]
    public void Queries_match_title_text_outlet_and_entities_as_Alerting_does(string query, bool expected) =>
        Assert.Equal(expected, Matches(query));

    [Fact]
    public void A_bad_query_is_refused_with_the_position_and_what_to_do()
    {
        Assert.False(Language.TryCompile("NATO \"center", out _, out var error));
        Assert.Equal(5, error.Position);
        Assert.Equal("query at character 6: This quote is never closed: add a closing \" to end the phrase.", QueryProblem.Detail(error));
    }
}
