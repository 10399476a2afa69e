using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;

namespace MediaMonitor.ServiceDefaults.Network;

/// <summary>
/// The SSRF guard's decision for one resolved address: loopback, private, link-local, cloud-metadata, multicast and
/// other special ranges are refused unless an explicit allowlist entry covers the address (Crawler:AllowedNetworks for
/// the crawler, Alerting:AllowedNetworks for webhook and Slack delivery, Api:AllowedWebhookNetworks for the Api's check).
/// </summary>
public sealed class NetworkGuard
{
    private static readonly (IPNetwork Network, string Kind)[] Refused =
    [
        (IPNetwork.Parse("0.0.0.0/8"), "an unspecified address"),
        (IPNetwork.Parse("127.0.0.0/8"), "a loopback address"),
        (IPNetwork.Parse("10.0.0.0/8"), "a private address"),
        (IPNetwork.Parse("172.16.0.0/12"), "a private address"),
        (IPNetwork.Parse("192.168.0.0/16"), "a private address"),
        (IPNetwork.Parse("100.64.0.0/10"), "a carrier-grade NAT address"),
        (IPNetwork.Parse("169.254.169.254/32"), "the cloud metadata address"),
        (IPNetwork.Parse("169.254.0.0/16"), "a link-local address"),
        (IPNetwork.Parse("192.0.0.0/24"), "an IETF protocol address"),
        (IPNetwork.Parse("198.18.0.0/15"), "a benchmarking address"),
        (IPNetwork.Parse("224.0.0.0/4"), "a multicast address"),
        (IPNetwork.Parse("240.0.0.0/4"), "a reserved address"),
        (IPNetwork.Parse("::/128"), "an unspecified address"),
        (IPNetwork.Parse("::1/128"), "a loopback address"),
        (IPNetwork.Parse("fd00:ec2::254/128"), "the cloud metadata address"),
        (IPNetwork.Parse("fc00::/7"), "a private (unique local) address"),
        (IPNetwork.Parse("fe80::/10"), "a link-local address"),
        (IPNetwork.Parse("ff00::/8"), "a multicast address"),
        (IPNetwork.Parse("64:ff9b::/96"), "a NAT64 address"),
        (IPNetwork.Parse("2001:db8::/32"), "a documentation address"),
    ];

    private readonly IReadOnlyList<IPNetwork> _allowed;

    public NetworkGuard(IEnumerable<string> allowedNetworks)
    {
        _allowed = allowedNetworks
            .SelectMany(n => n.Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries))
            .Where(n => !string.IsNullOrWhiteSpace(n))
            .Select(n => ParseNetwork(n.Trim()))
            .ToList();
    }

    /// <summary>
    /// The allowlist under a configuration key: a list (Key:0, Key:1 ...) and/or one comma-separated value
    /// (Key=127.0.0.1/32,10.1.0.0/16).
    /// </summary>
    public static IReadOnlyList<string> AllowedNetworks(IConfiguration configuration, string key)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(key);
        var entries = section.GetChildren().Select(c => c.Value).OfType<string>().ToList();
        if (section.Value is { Length: > 0 } scalar)
        {
            entries.Add(scalar);
        }

        return entries;
    }

    /// <summary>Whether a host name is loopback by definition (RFC 6761: localhost and *.localhost), checked as 127.0.0.1.</summary>
    public static bool IsLocalhostName(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Null when the URL's host may be used as far as can be told without DNS (a literal address the guard accepts, or a
    /// host name, which is checked again on every connection); otherwise why not.
    /// </summary>
    public string? RefusalWithoutDns(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var host = url.IdnHost.Trim('[', ']');
        if (IsLocalhostName(host))
        {
            return Refusal(IPAddress.Loopback) is { } loopback ? $"{host} means {loopback}" : null;
        }

        return IPAddress.TryParse(host, out var address) ? Refusal(address) : null;
    }

    /// <summary>Null when the crawler may connect to the address, otherwise why not.</summary>
    public string? Refusal(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (_allowed.Any(n => n.Contains(address)))
        {
            return null;
        }

        foreach (var (network, kind) in Refused)
        {
            if (address.AddressFamily == network.BaseAddress.AddressFamily && network.Contains(address))
            {
                return $"{address} is {kind}";
            }
        }

        return address.AddressFamily is AddressFamily.InterNetwork or AddressFamily.InterNetworkV6 ? null : $"{address} is not an IP address";
    }

    private static IPNetwork ParseNetwork(string entry)
    {
        if (entry.Contains('/', StringComparison.Ordinal) ? IPNetwork.TryParse(entry, out var network) : TryHost(entry, out network))
        {
            return network;
        }

        throw new FormatException($"'{entry}' in an allowed-networks setting is neither an IP address nor a CIDR range such as 127.0.0.1/32");
    }

    private static bool TryHost(string entry, out IPNetwork network)
    {
        network = default;
        if (!IPAddress.TryParse(entry, out var address))
        {
            return false;
        }

        network = new IPNetwork(address, address.AddressFamily == AddressFamily.InterNetworkV6 ? 128 : 32);
        return true;
    }
}
