namespace MediaMonitor.EntityTagging.Tests;

public sealed class OperatorVersionTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 29, 9, 0, 0, TimeSpan.Zero);

    private static readonly EntityDefined Fund = new("", "Eurasian Steppe Fund", EntityType.Organization, ["ESF"], At, "test");
    private static readonly EntityDefined Astana = new("geonames:1526273", "Astana", EntityType.Location, ["Qaraotkel Capital"], At, "test");

    [Fact]
    public void The_alias_set_version_changes_with_a_new_name_and_not_with_a_definition_applied_again()
    {
        var gazetteer = Gazetteer.Load(GazetteerFiles.DefaultDirectory);
        var tagger = TaggerComposition.Create(GazetteerFiles.DefaultDirectory, gazetteer);
        Assert.Equal("0", gazetteer.OperatorVersion);
        Assert.EndsWith(";aliases=0", tagger.Version, StringComparison.Ordinal);

        OperatorEntities.Apply(gazetteer, Fund);
        var afterFund = gazetteer.OperatorVersion;
        OperatorEntities.Apply(gazetteer, Fund);
        Assert.Equal(afterFund, gazetteer.OperatorVersion);
        Assert.NotEqual("0", afterFund);
        Assert.EndsWith(";aliases=" + afterFund, tagger.Version, StringComparison.Ordinal);

        OperatorEntities.Apply(gazetteer, Fund with { Aliases = ["ESF", "Steppe Fund"] });
        Assert.NotEqual(afterFund, gazetteer.OperatorVersion);
    }

    [Fact]
    public void Replicas_that_received_the_same_definitions_in_another_order_agree_on_the_version()
    {
        var one = Gazetteer.Load(GazetteerFiles.DefaultDirectory);
        var two = Gazetteer.Load(GazetteerFiles.DefaultDirectory);
        OperatorEntities.Apply(one, Fund);
        OperatorEntities.Apply(one, Astana);
        OperatorEntities.Apply(two, Astana);
        OperatorEntities.Apply(two, Fund);
        Assert.Equal(one.OperatorVersion, two.OperatorVersion);
    }
}
