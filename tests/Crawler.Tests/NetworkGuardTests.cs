using System.Net;
using MediaMonitor.Crawler.Http;

namespace MediaMonitor.Crawler.Tests;

public sealed class NetworkGuardTests
{
    [Theory]
    [InlineData("127.0.0.1", "loopback")]
    [InlineData("10.0.0.1", "private")]
    [InlineData("192.168.1.20", "private")]
    [InlineData("172.20.0.5", "private")]
    [InlineData("169.254.169.254", "metadata")]
    [InlineData("169.254.10.10", "link-local")]
    [InlineData("::1", "loopback")]
    [InlineData("fe80::1", "link-local")]
    [InlineData("::ffff:10.0.0.1", "private")]
    public void Default_guard_refuses_internal_addresses_with_the_reason(string address, string kind)
    {
        var refusal = new NetworkGuard([]).Refusal(IPAddress.Parse(address));
        Assert.NotNull(refusal);
        Assert.Contains(kind, refusal, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("93.184.216.34")]
    [InlineData("2606:2800:220:1:248:1893:25c8:1946")]
    public void Public_addresses_pass(string address)
    {
        Assert.Null(new NetworkGuard([]).Refusal(IPAddress.Parse(address)));
    }

    [Fact]
    public void Allowlist_admits_only_the_listed_network()
    {
        var guard = new NetworkGuard(["127.0.0.1/32"]);
        Assert.Null(guard.Refusal(IPAddress.Loopback));
        Assert.NotNull(guard.Refusal(IPAddress.Parse("127.0.0.2")));
        Assert.NotNull(guard.Refusal(IPAddress.Parse("10.0.0.1")));
    }
}
