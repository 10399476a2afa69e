namespace MediaMonitor.EntityTagging.Tests;

public sealed class SeedArticleTests
{
    public static TheoryData<string, EntityType> Expected => new()
    {
        { "Kazakhstan", EntityType.Location }, { "Astana", EntityType.Location }, { "Almaty", EntityType.Location },
        { "Russia", EntityType.Location }, { "China", EntityType.Location }, { "Armenia", EntityType.Location },
        { "Yerevan", EntityType.Location }, { "Belarus", EntityType.Location }, { "Minsk", EntityType.Location },
        { "Moscow", EntityType.Location }, { "Beijing", EntityType.Location }, { "Washington", EntityType.Location },
        { "NATO", EntityType.Organization }, { "CSTO", EntityType.Organization }, { "SCO", EntityType.Organization },
        { "US Treasury Department", EntityType.Organization }, { "Eurasian Analytical Club", EntityType.Organization },
        { "Russian Council on International Relations", EntityType.Organization },
        { "Dmitry Peskov", EntityType.Person }, { "Daniel Rosenblum", EntityType.Person }, { "Nikita Mendkovich", EntityType.Person },
        { "Dmitry Suslov", EntityType.Person }, { "Ivan Timofeev", EntityType.Person }, { "Nikol Pashinyan", EntityType.Person },
    };

    private static readonly Lazy<IReadOnlyList<TaggedEntity>> Seed = new(() =>
        TaggerFixture.ServiceTagger.Tag("", File.ReadAllText(SharedData.PathTo("seed", "nato-center-kazakhstan.txt"))));

    private static readonly Lazy<IReadOnlyList<TaggedEntity>> SeedByRules = new(() =>
        TaggerFixture.RuleTagger().Tag("", File.ReadAllText(SharedData.PathTo("seed", "nato-center-kazakhstan.txt"))));

    private static IReadOnlyList<TaggedEntity> TagSeed()
    {
        Skip.If(SharedData.Root is null, SharedData.SkipReason);
        return Seed.Value;
    }

    [SkippableTheory]
    [MemberData(nameof(Expected))]
    public void SharedData_seed_article_yields_each_named_entity_with_its_type(string name, EntityType type)
    {
        var entities = TagSeed();
        var entity = Assert.Single(entities, e => e.Name == name || e.SurfaceForms.Contains(name));
        Assert.Equal(type, entity.Type);
    }

    [SkippableTheory]
    [MemberData(nameof(Expected))]
    public void SharedData_seed_article_yields_each_named_entity_with_the_rule_tagger_alone(string name, EntityType type)
    {
        Skip.If(SharedData.Root is null, SharedData.SkipReason);
        var entity = Assert.Single(SeedByRules.Value, e => e.Name == name || e.SurfaceForms.Contains(name));
        Assert.Equal(type, entity.Type);
    }

    [SkippableFact]
    public void SharedData_seed_article_links_Mendkovic_to_Nikita_Mendkovich()
    {
        var mendkovich = Assert.Single(TagSeed(), e => e.Name == "Nikita Mendkovich");
        Assert.Contains("Nikita Mendkovic", mendkovich.SurfaceForms);
        Assert.True(mendkovich.Mentions >= 6);
    }

    [SkippableFact]
    public void SharedData_seed_article_places_carry_GeoNames_ids()
    {
        var entities = TagSeed();
        Assert.Equal("geonames:1526273", entities.Single(e => e.Name == "Astana").EntityId);
        Assert.Equal("geonames:4140963", entities.Single(e => e.Name == "Washington").EntityId);
        Assert.Equal("country:KZ", entities[0].EntityId);
    }
}
