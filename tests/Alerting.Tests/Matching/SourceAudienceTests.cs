using MediaMonitor.Alerting.Sources;

namespace MediaMonitor.Alerting.Tests.Matching;

public sealed class SourceAudienceTests
{
    private const string Feed = "https://feeds.example/world.xml";
    private static readonly DateTimeOffset Now = new(2026, 11, 1, 9, 0, 0, TimeSpan.Zero);

    private static SourceRecord Added(string tenant, string url) => SourceRecordProjection.Create(new SourceAdded(StreamIdentity.ForSource(tenant, url), tenant, url, Now));

    [Fact]
    public void A_tenant_is_reached_by_its_own_source_and_not_by_another_tenants_feed()
    {
        var audience = SourceAudience.From([Added("a", Feed), Added("b", "https://feeds.example/other.xml")]);

        Assert.True(audience.Reaches(StreamIdentity.ForSource("a", Feed), "a"));
        Assert.False(audience.Reaches(StreamIdentity.ForSource("a", Feed), "b"));
        Assert.False(audience.Reaches(StreamIdentity.ForSource("b", "https://feeds.example/other.xml"), "a"));
    }

    [Fact]
    public void Two_tenants_watching_one_feed_url_are_both_reached_whichever_source_found_the_article()
    {
        var audience = SourceAudience.From([Added("a", Feed)]).With([Added("b", Feed)]);

        Assert.True(audience.Reaches(StreamIdentity.ForSource("a", Feed), "b"));
        Assert.True(audience.Reaches(StreamIdentity.ForSource("b", Feed), "a"));
    }

    [Fact]
    public void An_unknown_source_reaches_nobody_and_adding_a_source_twice_changes_nothing()
    {
        var audience = SourceAudience.From([Added("a", Feed), Added("a", Feed)]);

        Assert.False(audience.Knows(Guid.NewGuid()));
        Assert.False(audience.Reaches(Guid.NewGuid(), "a"));
        Assert.Equal(1, audience.Sources);
        Assert.False(SourceAudience.Empty.Reaches(StreamIdentity.ForSource("a", Feed), "a"));
    }
}
