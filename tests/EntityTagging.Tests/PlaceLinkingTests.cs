namespace MediaMonitor.EntityTagging.Tests;

/// <summary>Places carry their GeoNames id, country and coordinates, chosen by context and prominence.</summary>
public sealed class PlaceLinkingTests
{
    private static TaggedEntity Place(string text, string name) =>
        Assert.Single(TaggerFixture.ServiceTagger.Tag("", text), e => e.SurfaceForms.Contains(name));

    [Fact]
    public void A_lone_Paris_is_the_French_capital_by_prominence_with_its_GeoNames_id_country_and_coordinates()
    {
        var paris = Place("Ministers met in Paris on Friday to discuss the budget.", "Paris");
        Assert.Equal("geonames:2988507", paris.EntityId);
        var place = Assert.IsType<TaggedPlace>(paris.Place);
        Assert.Equal(2988507, place.GeoNamesId);
        Assert.Equal("FR", place.CountryCode);
        Assert.Equal(48.85, place.Latitude!.Value, 2);
        Assert.Equal(2.35, place.Longitude!.Value, 2);
    }

    [Fact]
    public void Paris_in_an_article_about_north_Texas_is_Paris_Texas()
    {
        var paris = Place("The storm moved from Dallas towards Paris overnight, and schools in Paris stayed closed on Monday.", "Paris");
        Assert.Equal("geonames:4717560", paris.EntityId);
        Assert.Equal(new TaggedPlace(4717560, "US", 33.6609, -95.5555), paris.Place);
    }

    [Fact]
    public void Paris_in_an_article_that_names_Texas_elsewhere_is_Paris_Texas()
    {
        var paris = Place("Ranchers across Texas counted their losses.\nIn Paris the county fair was called off.", "Paris");
        Assert.Equal(4717560, paris.Place!.GeoNamesId);
    }

    [Fact]
    public void Paris_stays_French_when_the_article_names_France_even_beside_Texas()
    {
        var paris = Place("The Texas governor flew to Paris, where France hosted the climate talks.", "Paris");
        Assert.Equal("geonames:2988507", paris.EntityId);
        Assert.Equal("FR", paris.Place!.CountryCode);
    }

    [Fact]
    public void A_qualifier_after_the_name_decides_whatever_the_prominence()
    {
        var paris = Place("The film is set in Paris, Texas, in the 1980s.", "Paris");
        Assert.Equal(4717560, paris.Place!.GeoNamesId);
    }

    [Fact]
    public void Countries_carry_their_code_and_their_capital_s_coordinates_and_other_entities_no_place()
    {
        var entities = TaggerFixture.ServiceTagger.Tag("", "Kazakhstan and NATO signed the memorandum.");
        var kazakhstan = Assert.Single(entities, e => e.EntityId == "country:KZ");
        Assert.Null(kazakhstan.Place!.GeoNamesId);
        Assert.Equal("KZ", kazakhstan.Place.CountryCode);
        Assert.Equal(51.2, kazakhstan.Place.Latitude!.Value, 1);
        Assert.Null(Assert.Single(entities, e => e.EntityId == "org:nato").Place);
    }
}
