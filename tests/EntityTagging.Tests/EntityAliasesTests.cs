using System.Text.Json;
using System.Text.Json.Serialization;
using MediaMonitor.EntityTagging.Recognition;
using Xunit.Abstractions;

namespace MediaMonitor.EntityTagging.Tests;

public sealed class EntityAliasesTests(ITestOutputHelper output)
{
    private static readonly DateTimeOffset At = new(2026, 11, 29, 9, 0, 0, TimeSpan.Zero);

    private static readonly EntityDefined Peskov =
        new("", "Dmitry Peskov", EntityType.Person, ["Dmitri Peskow", "Dmitrij Peskow", "Peskov"], At, "ops");

    private static readonly EntityDefined Otan = new("org:nato", "NATO", EntityType.Organization, ["OTAN", "Nordatlantikpakt"], At, "ops");

    private const string Article = "Kremlin spokesman Dmitry Peskov said NATO was not invited.\nLater Peskov added that nothing was signed.";

    private static ArticleTagger RulesWith(Gazetteer gazetteer) => new(new RuleRecognizer(gazetteer), new EntityLinker(), gazetteer);

    [Fact]
    public void A_linked_entity_carries_its_gazetteer_and_operator_aliases_even_those_the_article_does_not_use()
    {
        var gazetteer = Gazetteer.Load(GazetteerFiles.DefaultDirectory);
        OperatorEntities.Apply(gazetteer, Peskov);
        OperatorEntities.Apply(gazetteer, Otan);
        var entities = RulesWith(gazetteer).Tag("", Article);

        var peskov = Assert.Single(entities, e => e.Name == "Dmitry Peskov");
        Assert.Equal(["Dmitri Peskow", "Dmitrij Peskow", "Peskov"], peskov.Aliases);
        var nato = Assert.Single(entities, e => e.EntityId == "org:nato");
        Assert.Equal(["NATO"], nato.SurfaceForms);
        Assert.Equal(["North Atlantic Treaty Organization", "North Atlantic Treaty Organisation", "North Atlantic Alliance", "Nordatlantikpakt", "OTAN"],
            nato.Aliases);
    }

    [Fact]
    public void Replicas_that_received_the_definitions_in_another_order_record_the_same_aliases()
    {
        var one = new Gazetteer();
        var two = new Gazetteer();
        OperatorEntities.Apply(one, Otan);
        OperatorEntities.Apply(one, Otan with { Aliases = ["Alliance atlantique"] });
        OperatorEntities.Apply(two, Otan with { Aliases = ["Alliance atlantique"] });
        OperatorEntities.Apply(two, Otan);
        var entity = new TaggedEntity("org:nato", "NATO", EntityType.Organization, 1, 1, ["NATO"]);

        var fromOne = Assert.Single(EntityAliases.Record([entity], one)).Aliases;
        var fromTwo = Assert.Single(EntityAliases.Record([entity], two)).Aliases;

        Assert.Equal(one.OperatorVersion, two.OperatorVersion);
        Assert.Equal(["Alliance atlantique", "Nordatlantikpakt", "OTAN"], fromOne);
        Assert.Equal(fromOne, fromTwo);
    }

    [Fact]
    public void A_name_the_gazetteer_does_not_know_records_no_aliases()
    {
        var entities = TaggerFixture.RuleTagger().Tag("", "The analyst Zhanibek Tursynbayev spoke first.");
        Assert.Empty(Assert.Single(entities, e => e.Type == EntityType.Person).Aliases!);
    }

    [Fact]
    public void Aliases_leave_out_the_canonical_name_blanks_and_spellings_a_filter_cannot_tell_apart_and_stop_at_the_cap()
    {
        Assert.Equal(["Alma-Ata", "Almaty City"], EntityAliases.Select("Almaty", ["ALMATY", "Alma-Ata", " ", "Alma Ata", "alma-ata", "Almaty City "]));

        var many = Enumerable.Range(0, 100).Select(i => $"Fund {i:D3}").ToList();
        var kept = EntityAliases.Select("Fund", ["Dala Fund", .. many]);
        Assert.Equal(EntityAliases.MaxPerEntity, kept.Count);
        Assert.Equal("Dala Fund", kept[0]);
        Assert.Equal("Fund 062", kept[^1]);
    }

    [SkippableFact]
    public void Recorded_aliases_add_little_to_the_EntitiesTagged_event_of_real_articles_SharedData()
    {
        var files = new[] { SharedData.PathTo("seed", "nato-center-kazakhstan.txt") }
            .Concat(Directory.GetFiles(SharedData.PathTo("news-corpus-bbc-greene", "politics")).Order(StringComparer.Ordinal).Take(30))
            .Concat(Directory.GetFiles(SharedData.PathTo("news-corpus-bbc-greene", "business")).Order(StringComparer.Ordinal).Take(30))
            .ToList();
        var json = new JsonSerializerOptions { Converters = { new JsonStringEnumConverter() } };
        var tagger = TaggerFixture.ServiceTagger;
        long with = 0, without = 0;
        foreach (var file in files)
        {
            var entities = tagger.Tag("", File.ReadAllText(file));
            with += JsonSerializer.SerializeToUtf8Bytes(new EntitiesTagged(Guid.Empty, entities, At, tagger.Version), json).Length;
            without += JsonSerializer.SerializeToUtf8Bytes(
                new EntitiesTagged(Guid.Empty, [.. entities.Select(e => e with { Aliases = null })], At, tagger.Version), json).Length;
        }

        output.WriteLine($"EntitiesTagged over {files.Count} real articles: {with / files.Count} bytes on average with aliases, {without / files.Count} without");
        Assert.InRange(with, without, without * 11 / 10);
    }
}
