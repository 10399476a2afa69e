using MediaMonitor.Crawler.Replicas;

namespace MediaMonitor.Crawler.Tests;

public sealed class LeasePlanTests
{
    [Fact]
    public void A_replicas_fair_share_is_the_sources_divided_by_the_live_replicas_rounded_up()
    {
        Assert.Equal(0, LeasePlan.Share(0, 3));
        Assert.Equal(7, LeasePlan.Share(7, 1));
        Assert.Equal(4, LeasePlan.Share(7, 2));
        Assert.Equal(5, LeasePlan.Share(5, 0));
    }

    [Fact]
    public void A_replica_above_its_share_releases_idle_sources_and_one_below_claims_only_free_ones()
    {
        var ids = Enumerable.Range(0, 6).Select(_ => Guid.NewGuid()).ToList();
        var (release, claim) = LeasePlan.Decide(ids, ids, new HashSet<Guid> { ids[0], ids[1], ids[2], ids[3] }, new HashSet<Guid>(), 3, new Random(1));
        Assert.Equal(new HashSet<Guid> { ids[4], ids[5] }, release.ToHashSet());
        Assert.Empty(claim);

        var (release2, claim2) = LeasePlan.Decide(ids, [ids[0]], new HashSet<Guid>(), new HashSet<Guid> { ids[1], ids[2], ids[3] }, 2, new Random(1));
        Assert.Empty(release2);
        Assert.Equal(2, claim2.Count);
        Assert.All(claim2, id => Assert.Contains(id, new[] { ids[4], ids[5] }));
    }

    [Fact]
    public void Sources_of_one_origin_share_a_lease_key_and_other_origins_do_not()
    {
        Assert.Equal(LeaseKey.For("https://News.example/feed.xml"), LeaseKey.For("https://news.example:443/sitemap.xml"));
        Assert.NotEqual(LeaseKey.For("https://news.example/feed.xml"), LeaseKey.For("http://news.example/feed.xml"));
        Assert.NotEqual(LeaseKey.For("http://127.0.0.1:5000/feed.xml"), LeaseKey.For("http://127.0.0.1:5001/feed.xml"));
    }
}
