using System.Net;
using MediaMonitor.ServiceDefaults.Network;
using Microsoft.Extensions.Configuration;

namespace MediaMonitor.ServiceDefaults.Tests;

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

    [Theory]
    [InlineData("http://127.0.0.1:9/h", "loopback")]
    [InlineData("http://2130706433/h", "loopback")]
    [InlineData("http://localhost:8080/h", "loopback")]
    [InlineData("http://api.localhost/h", "loopback")]
    [InlineData("http://[::1]/h", "loopback")]
    [InlineData("http://[::ffff:169.254.169.254]/latest", "metadata")]
    [InlineData("http://169.254.169.254/latest/meta-data", "metadata")]
    [InlineData("https://10.1.2.3/hook", "private")]
    public void A_URL_with_a_literal_internal_address_is_refused_without_DNS(string url, string kind)
    {
        var refusal = new NetworkGuard([]).RefusalWithoutDns(new Uri(url));
        Assert.NotNull(refusal);
        Assert.Contains(kind, refusal, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://hooks.slack.com/services/T0/B0/x")]
    [InlineData("http://93.184.216.34/h")]
    public void A_URL_with_a_public_address_or_a_host_name_passes_until_it_is_resolved(string url)
    {
        Assert.Null(new NetworkGuard([]).RefusalWithoutDns(new Uri(url)));
    }

    [Fact]
    public void The_allowlist_is_read_from_a_list_or_one_comma_separated_value_and_a_bad_entry_says_which()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["A:AllowedNetworks:0"] = "127.0.0.1/32",
            ["B:AllowedNetworks"] = "127.0.0.1, 10.1.0.0/16",
            ["C:AllowedNetworks"] = "localhost",
        }).Build();

        Assert.Null(new NetworkGuard(NetworkGuard.AllowedNetworks(configuration, "A:AllowedNetworks")).RefusalWithoutDns(new Uri("http://localhost/")));
        var b = new NetworkGuard(NetworkGuard.AllowedNetworks(configuration, "B:AllowedNetworks"));
        Assert.Null(b.Refusal(IPAddress.Parse("10.1.200.3")));
        Assert.NotNull(b.Refusal(IPAddress.Parse("10.2.0.1")));
        var bad = Assert.Throws<FormatException>(() => new NetworkGuard(NetworkGuard.AllowedNetworks(configuration, "C:AllowedNetworks")));
        Assert.Contains("'localhost'", bad.Message, StringComparison.Ordinal);
    }
}
