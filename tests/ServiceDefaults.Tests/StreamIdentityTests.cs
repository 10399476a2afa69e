namespace MediaMonitor.ServiceDefaults.Tests;

public sealed class StreamIdentityTests
{
    [Fact]
    public void Same_canonical_url_always_gives_the_same_article_id()
    {
        Assert.Equal(StreamIdentity.ForArticle("https://a.example/x"), StreamIdentity.ForArticle("https://a.example/x"));
        Assert.NotEqual(StreamIdentity.ForArticle("https://a.example/x"), StreamIdentity.ForArticle("https://a.example/y"));
    }

    [Fact]
    public void Ids_are_RFC4122_version_5()
    {
        // The RFC 4122 appendix example: the DNS namespace with "www.example.com".
        var dns = new Guid("6ba7b810-9dad-11d1-80b4-00c04fd430c8");
        Assert.Equal(new Guid("2ed6657d-e927-568b-95e1-2665a8aea6a2"), StreamIdentity.NameBased(dns, "www.example.com"));
    }

    [Fact]
    public void One_alert_id_per_subscription_and_story()
    {
        var sub = Guid.NewGuid();
        var story = Guid.NewGuid();
        Assert.Equal(StreamIdentity.ForAlert(sub, story), StreamIdentity.ForAlert(sub, story));
        Assert.NotEqual(StreamIdentity.ForAlert(sub, story), StreamIdentity.ForAlert(sub, Guid.NewGuid()));
    }
}
