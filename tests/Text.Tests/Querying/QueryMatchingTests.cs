using MediaMonitor.Text.Querying;

namespace MediaMonitor.Text.Tests.Querying;

public sealed class QueryMatchingTests
{
    // Entity aliases as ArticleDocument builds them from a tagged entity: its surface forms plus the aliases the tagger
    // recorded (ArticleDocumentTests starts from TaggedEntity itself).
    private static readonly MatchDocument Article = MatchDocument.Create(
        "NATO opens a peacekeeping centre in Kazakhstan",
        "Kremlin spokesman Dmitry Peskov said the new sanctions were unlawful. Experts in Almaty doubt the training center will open soon.",
        "Outlet One one.example",
        "en",
        [
            new DocumentEntity(DocumentEntityKind.Person, "Dmitry Peskov", ["Peskov", "Dmitri Peskow"]),
            new DocumentEntity(DocumentEntityKind.Organization, "NATO", ["North Atlantic Treaty Organization"]),
            new DocumentEntity(DocumentEntityKind.Country, "Kazakhstan", ["Republic of Kazakhstan"]),
            new DocumentEntity(DocumentEntityKind.Place, "Almaty", []),
        ]);

    private static readonly MatchDocument ArticleWithDiacritics = MatchDocument.Create(
        "Erdoğan meets Lukashenko in Zürich",
        "The talks in Zürich were short.",
        "Outlet Two two.example",
        "en",
        [
            new DocumentEntity(DocumentEntityKind.Person, "Recep Tayyip Erdoğan", ["Erdoğan"]),
            new DocumentEntity(DocumentEntityKind.Place, "Zürich", ["Zurich"]),
        ]);

    [Theory]
    [InlineData("entity:\"Recep Tayyip Erdogan\"")]
    [InlineData("person:ERDOĞAN")]
    [InlineData("person:erdogan")]
    [InlineData("place:zurich")]
    [InlineData("place:\"ZÜRICH\"")]
    [InlineData("erdogan NEAR/3 zurich")]
    public void Entity_names_match_whatever_their_diacritics_and_case(string query)
    {
        var parsed = QueryParser.Parse(query);
        Assert.True(parsed.IsValid, parsed.Error?.ToString());
        Assert.True(parsed.Query!.Matches(ArticleWithDiacritics), query);
    }

    private static bool Matches(string query)
    {
        var parsed = QueryParser.Parse(query);
        Assert.True(parsed.IsValid, parsed.Error?.ToString());
        return parsed.Query!.Matches(Article);
    }

    [Theory]
    [InlineData("NATO center Kazakhstan")]
    [InlineData("nato KAZAKHSTÁN")]
    [InlineData("\"dmitry peskov\"")]
    [InlineData("\"training center\"")]
    [InlineData("nato AND almaty")]
    [InlineData("football OR almaty")]
    [InlineData("nato NOT football")]
    [InlineData("sanction*")]
    [InlineData("peacekeep*")]
    [InlineData("peskov NEAR/3 sanctions")]
    [InlineData("sanctions NEAR/3 peskov")]
    [InlineData("\"dmitry peskov\" NEAR/5 unlawful")]
    [InlineData("title:kazakhstan")]
    [InlineData("title:(nato OR csto)")]
    [InlineData("source:\"outlet one\"")]
    [InlineData("source:example")]
    [InlineData("lang:en")]
    [InlineData("entity:\"Dmitry Peskov\"")]
    [InlineData("entity:\"dmitri peskow\"")]
    [InlineData("person:Peskov")]
    [InlineData("org:\"North Atlantic Treaty Organization\"")]
    [InlineData("country:Kazakhstan")]
    [InlineData("place:Kazakhstan")]
    [InlineData("place:almaty")]
    [InlineData("entity:\"Dmitry Peskov\" AND Kazakhstan")]
    public void Matches_an_article_that_satisfies_the_query(string query) => Assert.True(Matches(query), query);

    [Theory]
    [InlineData("NATO center football")]
    [InlineData("\"peskov dmitry\"")]
    [InlineData("\"kazakhstan kremlin\"")]
    [InlineData("nato NOT almaty")]
    [InlineData("nato AND NOT (football OR almaty)")]
    [InlineData("sanctionz*")]
    [InlineData("peskov NEAR/1 unlawful")]
    [InlineData("\"dmitry peskov\" NEAR/4 unlawful")]
    [InlineData("nato NEAR/2 almaty")]
    [InlineData("title:peskov")]
    [InlineData("source:bbc")]
    [InlineData("lang:ru")]
    [InlineData("entity:peskov* OR entity:\"Sergei Lavrov\"")]
    [InlineData("person:NATO")]
    [InlineData("country:Almaty")]
    [InlineData("org:Kazakhstan")]
    [InlineData("NATO Kazakhstan NOT entity:\"Dmitry Peskov\"")]
    public void Does_not_match_an_article_that_fails_the_query(string query)
    {
        var parsed = QueryParser.Parse(query);
        if (parsed.IsValid)
        {
            Assert.False(parsed.Query!.Matches(Article), query);
        }
    }

    [Fact]
    public void A_phrase_never_spans_the_title_and_the_text()
    {
        var document = MatchDocument.Create("Talks end", "Begin anew", null, null, null);

        Assert.False(QueryParser.Parse("\"end begin\"").Query!.Matches(document));
        Assert.True(QueryParser.Parse("end begin").Query!.Matches(document));
    }

    [Fact]
    public void An_article_of_unknown_language_matches_no_language_filter()
    {
        var document = MatchDocument.Create("NATO", "text", null, null, null);

        Assert.False(QueryParser.Parse("nato lang:en").Query!.Matches(document));
    }
}
