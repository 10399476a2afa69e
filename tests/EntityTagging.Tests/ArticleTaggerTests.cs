namespace MediaMonitor.EntityTagging.Tests;

public sealed class ArticleTaggerTests
{
    private static IReadOnlyList<TaggedEntity> Tag(string text) => TaggerFixture.RuleTagger().Tag("", text);

    private static TaggedEntity Single(IReadOnlyList<TaggedEntity> entities, string name) =>
        Assert.Single(entities, e => e.Name == name || e.SurfaceForms.Contains(name));

    [Fact]
    public void A_surname_alone_links_to_the_full_name_seen_in_the_same_article()
    {
        var entities = Tag("Kremlin spokesman Dmitry Peskov said the talks went well.\nLater Peskov added that nothing was signed.");
        var peskov = Single(entities, "Dmitry Peskov");
        Assert.Equal(EntityType.Person, peskov.Type);
        Assert.Equal(2, peskov.Mentions);
        Assert.Equal(["Dmitry Peskov", "Peskov"], peskov.SurfaceForms);
    }

    [Fact]
    public void A_transliteration_variant_links_to_the_same_person()
    {
        var entities = Tag("The analyst Nikita Mendkovich spoke first.\n\"It will not last,\" continues Nikita Mendkovic.");
        var person = Single(entities, "Nikita Mendkovich");
        Assert.Equal(2, person.Mentions);
        Assert.Contains("Nikita Mendkovic", person.SurfaceForms);
    }

    [Fact]
    public void Old_and_new_names_of_a_place_resolve_to_one_GeoNames_entity()
    {
        var astana = Tag("Delegates flew to Astana on Monday.").Single(e => e.Type == EntityType.Location);
        var nurSultan = Tag("Delegates flew to Nur-Sultan on Monday.").Single(e => e.Type == EntityType.Location);
        var kiev = Tag("Talks were held in Kiev.").Single(e => e.Type == EntityType.Location);
        var kyiv = Tag("Talks were held in Kyiv.").Single(e => e.Type == EntityType.Location);
        Assert.Equal("geonames:1526273", astana.EntityId);
        Assert.Equal(astana.EntityId, nurSultan.EntityId);
        Assert.Equal("Astana", nurSultan.Name);
        Assert.Equal(kiev.EntityId, kyiv.EntityId);
    }

    [Fact]
    public void An_ambiguous_city_is_resolved_by_prominence_and_by_a_qualifier_after_it()
    {
        Assert.Equal("geonames:2988507", Tag("Ministers met in Paris on Friday.").Single(e => e.Name == "Paris").EntityId);
        Assert.Equal("geonames:2988507", Tag("The show opened in Paris, France.").Single(e => e.Name == "Paris").EntityId);
        Assert.Equal("geonames:4717560", Tag("The film is set in Paris, Texas, in the 1980s.").Single(e => e.Name == "Paris").EntityId);
        Assert.Equal("geonames:524901", Tag("Officials in Moscow met US diplomats.").Single(e => e.Name == "Moscow").EntityId);
        var idaho = Tag("The university in Moscow, Idaho, reopened.").Single(e => e.SurfaceForms.Contains("Moscow"));
        Assert.Equal("US", TaggerFixture.Gazetteer.ById(idaho.EntityId)!.CountryCode);
    }

    [Fact]
    public void Countries_organisations_and_demonyms_are_recognised_with_canonical_names()
    {
        var entities = Tag("The US and the Russian Federation argued at the UN while NATO and the CSTO watched Kazakh troops.");
        Assert.Equal("country:US", Single(entities, "US").EntityId);
        Assert.Equal("Russia", Single(entities, "Russian Federation").Name);
        Assert.Equal(EntityType.Organization, Single(entities, "NATO").Type);
        Assert.Equal(EntityType.Organization, Single(entities, "CSTO").Type);
        Assert.Equal(EntityType.Miscellaneous, Single(entities, "Kazakh").Type);
    }

    [Fact]
    public void Common_words_opening_a_sentence_are_not_taken_for_towns()
    {
        var entities = Tag("Most people stayed home.\nUnion leaders disagreed.\nPolice said little.");
        Assert.DoesNotContain(entities, e => e.Type == EntityType.Location);
    }

    [Fact]
    public void Capitalised_names_ending_in_an_organisation_word_are_organisations()
    {
        var entities = Tag("He heads the Eurasian Analytical Club and advises the Council on Foreign Relations.");
        Assert.Equal(EntityType.Organization, Single(entities, "Eurasian Analytical Club").Type);
        Assert.Equal(EntityType.Organization, Single(entities, "Council on Foreign Relations").Type);
    }

    [Fact]
    public void The_same_entity_gets_the_same_id_in_different_articles()
    {
        var first = Single(Tag("\"We will see,\" says Dmitry Suslov, deputy director of a think tank."), "Dmitry Suslov");
        var second = Single(Tag("Dmitri Suslov said on Tuesday that it was over."), "Dmitri Suslov");
        Assert.Equal(first.EntityId, second.EntityId);
    }

    [Fact]
    public void Salience_ranks_the_most_mentioned_entity_first()
    {
        var entities = Tag("Armenia held talks.\nArmenia signed a deal with Georgia.\nArmenia will ratify it.");
        Assert.Equal("country:AM", entities[0].EntityId);
        Assert.True(entities[0].Salience > entities.Single(e => e.EntityId == "country:GE").Salience);
    }
}
