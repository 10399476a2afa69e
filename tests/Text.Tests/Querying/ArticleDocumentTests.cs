using MediaMonitor.Contracts.EntityTagging;
using MediaMonitor.Text.Querying;

namespace MediaMonitor.Text.Tests.Querying;

/// <summary>Entity filters over articles built as Alerting and the Api build them, from the tagger's recorded entities.</summary>
public sealed class ArticleDocumentTests
{
    private const string Title = "Kremlin rejects the talks";

    private const string Text = "Peskov said the alliance had not been invited. Moscow and Minsk agreed.";

    // As the tagger records them: "Peskov" linked to the operator's Dmitry Peskov, whose aliases the article never uses.
    private static readonly TaggedEntity Peskov = new("per:dmitri-peskov", "Dmitry Peskov", EntityType.Person, 1, 0.9, ["Peskov"],
        Aliases: ["Dmitri Peskow", "Dmitrij Peskow"]);

    private static readonly TaggedEntity Nato = new("org:nato", "NATO", EntityType.Organization, 1, 0.5, ["alliance"],
        Aliases: ["North Atlantic Treaty Organization", "North Atlantic Alliance"]);

    private static readonly TaggedEntity FordMotor = new("org:ford-motor-company", "Ford Motor Company", EntityType.Organization, 1, 0.2,
        ["Ford Motor"], Aliases: ["Ford", "Ford Motor Co."]);

    private static readonly TaggedEntity Russia = new("country:RU", "Russia", EntityType.Location, 1, 0.4, ["Moscow"],
        Aliases: ["Russian Federation"]);

    private static readonly TaggedEntity Minsk = new("geonames:625144", "Minsk", EntityType.Location, 1, 0.3, ["Minsk"],
        Aliases: ["Mensk"]);

    private static bool Matches(string query, params TaggedEntity[] entities)
    {
        var parsed = QueryParser.Parse(query);
        Assert.True(parsed.IsValid, parsed.Error?.ToString());
        return parsed.Query!.Matches(ArticleDocument.Create(Title, Text, "Outlet", "https://outlet.example/a", "en", entities));
    }

    [Theory]
    [InlineData("entity:\"Dmitri Peskow\"")]
    [InlineData("person:\"dmitrij peskow\"")]
    [InlineData("entity:\"Dmitry Peskov\"")]
    [InlineData("person:Peskov")]
    [InlineData("org:\"North Atlantic Treaty Organization\"")]
    [InlineData("country:\"Russian Federation\"")]
    [InlineData("place:\"russian federation\"")]
    [InlineData("country:RU")]
    [InlineData("place:Mensk")]
    [InlineData("org:Ford")]
    [InlineData("entity:\"ford motor co\"")]
    [InlineData("entity:\"Dmitri Peskow\" AND org:NATO AND NOT country:Belarus")]
    public void An_entity_filter_matches_an_alias_the_tagger_recorded_though_the_article_never_uses_it(string query) =>
        Assert.True(Matches(query, Peskov, Nato, Russia, Minsk, FordMotor), query);

    [Theory]
    [InlineData("person:Ford")]
    [InlineData("org:\"Dmitri Peskow\"")]
    [InlineData("country:Mensk")]
    [InlineData("person:\"North Atlantic Alliance\"")]
    [InlineData("entity:\"Sergei Lavrov\"")]
    public void A_recorded_alias_answers_only_to_the_filter_of_its_entity_kind(string query) =>
        Assert.False(Matches(query, Peskov, Nato, Russia, Minsk, FordMotor), query);

    [Fact]
    public void An_event_recorded_before_aliases_matches_only_the_name_and_the_articles_own_spellings()
    {
        var old = Peskov with { Aliases = null };
        Assert.False(Matches("entity:\"Dmitri Peskow\"", old));
        Assert.True(Matches("entity:\"Dmitry Peskov\"", old));
        Assert.True(Matches("person:Peskov", old));
    }

    [Fact]
    public void A_recorded_alias_is_not_article_text_for_a_plain_word_query() =>
        Assert.False(Matches("Peskow", Peskov));
}
