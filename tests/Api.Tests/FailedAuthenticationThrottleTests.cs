using System.Net.Sockets;
using MediaMonitor.Api.Security;

namespace MediaMonitor.Api.Tests;

/// <summary>
/// Failed authentication is throttled per client address: after the limit, keyed requests from that address answer 429 with
/// Retry-After (valid keys included: no verdict on any key) until the window moves on; other addresses are unaffected.
/// </summary>
public sealed class FailedAuthenticationThrottleTests
{
    private const string AdminKey = "throttle-admin-key-0123456789";
    private static readonly IPAddress Client = IPAddress.Parse("192.0.2.7");
    private static readonly IPAddress Other = IPAddress.Parse("192.0.2.8");
    private static readonly DateTimeOffset T0 = new(2026, 12, 5, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void An_address_is_blocked_at_the_limit_until_its_oldest_failure_leaves_the_window()
    {
        var throttle = new FailedAuthenticationThrottle(3, TimeSpan.FromSeconds(60));
        throttle.RecordFailure(Client, T0);
        throttle.RecordFailure(Client, T0.AddSeconds(10));
        Assert.Null(throttle.Blocked(Client, T0.AddSeconds(11)));

        throttle.RecordFailure(Client, T0.AddSeconds(20));

        Assert.Equal(TimeSpan.FromSeconds(39), throttle.Blocked(Client, T0.AddSeconds(21)));
        Assert.Null(throttle.Blocked(Other, T0.AddSeconds(21)));
        Assert.Null(throttle.Blocked(Client, T0.AddSeconds(60)));
    }

    [Fact]
    public void Failures_older_than_the_window_do_not_count()
    {
        var throttle = new FailedAuthenticationThrottle(2, TimeSpan.FromSeconds(60));
        throttle.RecordFailure(Client, T0);
        throttle.RecordFailure(Client, T0.AddSeconds(61));

        Assert.Null(throttle.Blocked(Client, T0.AddSeconds(62)));
    }

    [Fact]
    public void A_limit_of_zero_turns_the_throttle_off()
    {
        var throttle = new FailedAuthenticationThrottle(0, TimeSpan.FromSeconds(60));
        for (var i = 0; i < 100; i++)
        {
            throttle.RecordFailure(Client, T0);
        }

        Assert.Null(throttle.Blocked(Client, T0));
    }

    [Fact]
    public async Task A_hundred_wrong_keys_get_429_and_the_address_is_refused_until_the_window_passes_while_another_address_is_served()
    {
        var env = await TestEnvironment.CreateAsync("throttle");
        var settings = env.Settings;
        settings["Api:AdminKey"] = AdminKey;
        settings["Api:FailedAuthenticationLimit"] = "20";
        settings["Api:FailedAuthenticationWindowSeconds"] = "10";
        await using var host = await ServiceHost.StartAsync(ApiHost.Wiring, settings);
        string validKey;
        using (var admin = Client127(host, "127.0.0.3", AdminKey))
        {
            var created = await admin.PostAsJsonAsync("/api/tenants", new { name = "Throttle desk", tenantId = "t-throttle" });
            created.EnsureSuccessStatusCode();
            validKey = (await created.Content.ReadFromJsonAsync<IssuedKeyResponse>())!.ApiKey;
        }

        using var attacker = Client127(host, "127.0.0.1", null);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 100; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/subscriptions");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", $"mm_wrong_{i}");
            using var response = await attacker.SendAsync(request);
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.InRange(response.Headers.RetryAfter?.Delta?.TotalSeconds ?? 0, 1, 10);
            }
        }

        Assert.All(statuses.Take(20), s => Assert.Equal(HttpStatusCode.Unauthorized, s));
        Assert.True(statuses.Count(s => s == HttpStatusCode.TooManyRequests) >= 60, string.Join(",", statuses.Select(s => (int)s)));

        // The same address gets no verdict on a valid key either, while another address is served (and judged) as usual.
        using var sameAddress = Client127(host, "127.0.0.1", validKey);
        var refused = await sameAddress.GetAsync(new Uri("/api/subscriptions", UriKind.Relative));
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Contains("too many", await refused.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        using var otherAddress = Client127(host, "127.0.0.2", validKey);
        Assert.Equal(HttpStatusCode.OK, (await otherAddress.GetAsync(new Uri("/api/subscriptions", UriKind.Relative))).StatusCode);
        using var otherWrong = Client127(host, "127.0.0.2", "mm_wrong_other");
        Assert.Equal(HttpStatusCode.Unauthorized, (await otherWrong.GetAsync(new Uri("/api/subscriptions", UriKind.Relative))).StatusCode);

        await Task.Delay(refused.Headers.RetryAfter!.Delta!.Value + TimeSpan.FromMilliseconds(500));
        Assert.Equal(HttpStatusCode.OK, (await sameAddress.GetAsync(new Uri("/api/subscriptions", UriKind.Relative))).StatusCode);
    }

    /// <summary>A client whose connections come from the given loopback address (all of 127.0.0.0/8 is local on Linux).</summary>
    private static HttpClient Client127(ServiceHost host, string localAddress, string? key)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (context, ct) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                try
                {
                    socket.Bind(new IPEndPoint(IPAddress.Parse(localAddress), 0));
                    await socket.ConnectAsync(context.DnsEndPoint, ct);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        var client = new HttpClient(handler) { BaseAddress = host.BaseAddress };
        if (key is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return client;
    }
}
