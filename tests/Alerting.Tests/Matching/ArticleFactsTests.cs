namespace MediaMonitor.Alerting.Tests.Matching;

public sealed class ArticleFactsTests
{
    private static readonly Guid ArticleId = Guid.NewGuid();

    private static ArticleFacts Facts(string title, string text, params TaggedEntity[] entities)
    {
        var now = DateTimeOffset.UtcNow;
        var (facts, missing) = ArticleFacts.From(ArticleId, [
            new ArticleFetched(ArticleId, "https://www.outlet.example/a", "https://www.outlet.example/a", title, text, now, null, Guid.NewGuid(), now, "t"),
            new ArticleDeduplicated(ArticleId, DedupVerdict.Original, null, 0, Guid.NewGuid(), now, "t"),
            new EntitiesTagged(ArticleId, entities, now, "t")]);
        Assert.Null(missing);
        return facts!;
    }

    private static bool Matches(ArticleFacts facts, string query) => QueryParser.Parse(query).Query!.Matches(facts.ToDocument());

    [Fact]
    public void An_article_without_a_site_name_is_attributed_to_its_host()
    {
        var facts = Facts("NATO", "text");

        Assert.Equal("outlet.example", facts.Outlet);
        Assert.True(Matches(facts, "source:outlet"));
    }

    [Fact]
    public void Tagged_entities_answer_the_entity_fields_and_a_country_its_code()
    {
        var facts = Facts("Peskov on Kazakhstan", "Text.",
            new TaggedEntity("person:dmitry-peskov", "Dmitry Peskov", EntityType.Person, 1, 1, ["Peskov"]),
            new TaggedEntity("country:KZ", "Kazakhstan", EntityType.Location, 1, 1, ["Kazakhstan"]),
            new TaggedEntity("geonames:1526384", "Almaty", EntityType.Location, 1, 1, ["Almaty"]));

        Assert.True(Matches(facts, "person:peskov country:kz country:Kazakhstan place:almaty"));
        Assert.False(Matches(facts, "country:almaty"));
    }

    [Theory]
    [InlineData("NATO opens a centre", "The new centre will train officers from the region, and it is said to be the first of its kind in Central Asia.", "en")]
    [InlineData("L'OTAN ouvre un centre", "Le nouveau centre formera des officiers de la région et il est le premier de ce type dans la région pour les pays du Sud.", "fr")]
    [InlineData("НАТО открывает центр", "Новый центр будет готовить офицеров из региона, и это не первый центр на Кавказе, как и в Азии для них.", "ru")]
    [InlineData("NATO", "Kazakhstan Almaty", null)]
    public void The_language_is_guessed_for_the_lang_filter(string title, string text, string? language) =>
        Assert.Equal(language, Facts(title, text).Language);
}
