namespace MediaMonitor.Api.Tests;

public sealed class ListenUrlsTests
{
    [Fact]
    public void Without_any_setting_the_Api_listens_on_127_0_0_1_port_8080() =>
        Assert.Equal("http://127.0.0.1:8080", ApiWiring.ListenUrls(null, null));

    [Fact]
    public void ASPNETCORE_URLS_or_urls_is_kept_when_Api_Urls_is_unset() =>
        Assert.Null(ApiWiring.ListenUrls("", "http://+:8080"));

    [Fact]
    public void Api_Urls_wins_over_the_host_setting() =>
        Assert.Equal("http://127.0.0.1:9000", ApiWiring.ListenUrls("http://127.0.0.1:9000", "http://+:8080"));
}
