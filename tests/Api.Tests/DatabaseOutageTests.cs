using System.Net.Sockets;
using MediaMonitor.Api.Http;
using Npgsql;

namespace MediaMonitor.Api.Tests;

/// <summary>While PostgreSQL is down every Api call answers 503 with Retry-After (come back later), not 500 (a bug).</summary>
public sealed class DatabaseOutageTests
{
    private const string AdminKey = "outage-admin-key-0123456789";

    [Fact]
    public async Task Every_call_answers_503_with_Retry_After_while_PostgreSQL_is_stopped_and_succeeds_again_after_it_restarts()
    {
        await using var postgres = await DedicatedPostgres.StartAsync();
        var vhost = await TestServers.CreateVirtualHostAsync("outage");
        var settings = TestServers.ServiceSettings(postgres.ConnectionString, vhost);
        settings["Api:AdminKey"] = AdminKey;
        await using var host = await ServiceHost.StartAsync(ApiHost.Wiring, settings);
        using var admin = Client(host, AdminKey);
        var created = await admin.PostAsJsonAsync("/api/tenants", new { name = "Outage desk", tenantId = "t-outage" });
        created.EnsureSuccessStatusCode();
        using var tenant = Client(host, (await created.Content.ReadFromJsonAsync<IssuedKeyResponse>())!.ApiKey);
        Assert.Equal(HttpStatusCode.OK, (await tenant.GetAsync(new Uri("/api/subscriptions", UriKind.Relative))).StatusCode);

        await postgres.StopAsync();

        var calls = new (string Name, Func<Task<HttpResponseMessage>> Send)[]
        {
            ("GET /api/subscriptions", () => tenant.GetAsync(new Uri("/api/subscriptions", UriKind.Relative))),
            ("GET /api/sources", () => tenant.GetAsync(new Uri("/api/sources", UriKind.Relative))),
            ("GET /api/keys", () => tenant.GetAsync(new Uri("/api/keys", UriKind.Relative))),
            ("POST /api/subscriptions", () => tenant.PostAsJsonAsync("/api/subscriptions", new { name = "NATO", query = "NATO" })),
            ("POST /api/sources", () => tenant.PostAsJsonAsync("/api/sources", new { url = "https://example.org/feed.xml" })),
            ("GET /api/articles/{id}", () => tenant.GetAsync(new Uri($"/api/articles/{Guid.NewGuid()}", UriKind.Relative))),
            ("POST /api/tenants (admin)", () => admin.PostAsJsonAsync("/api/tenants", new { name = "Second", tenantId = "t-second" })),
        };
        foreach (var (name, send) in calls)
        {
            using var response = await send();
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"{name} answered {(int)response.StatusCode}: {body}");
            Assert.Equal(DatabaseOutage.RetryAfter, response.Headers.RetryAfter?.Delta);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal(503, JsonDocument.Parse(body).RootElement.GetProperty("status").GetInt32());
        }

        await postgres.StartAgainAsync();
        await Eventually.Until(
            async () => (await tenant.GetAsync(new Uri("/api/subscriptions", UriKind.Relative))).StatusCode,
            s => s == HttpStatusCode.OK, TimeSpan.FromSeconds(30), "the Api to answer again after PostgreSQL restarted");
    }

    [Theory]
    [InlineData("08006")] // connection_failure
    [InlineData("57P01")] // admin_shutdown
    [InlineData("57P03")] // cannot_connect_now
    [InlineData("53300")] // too_many_connections
    public void Server_errors_that_mean_unavailable_are_an_outage(string sqlState) =>
        Assert.True(DatabaseOutage.IsOutage(new InvalidOperationException("wrapped", new PostgresException("down", "FATAL", "FATAL", sqlState))));

    [Theory]
    [InlineData("23505")] // unique_violation
    [InlineData("22P05")] // untranslatable_character
    [InlineData("42P01")] // undefined_table
    [InlineData("40001")] // serialization_failure
    public void Other_server_errors_stay_bugs(string sqlState) =>
        Assert.False(DatabaseOutage.IsOutage(new PostgresException("bad", "ERROR", "ERROR", sqlState)));

    [Fact]
    public void Connection_failures_wrapped_anywhere_in_the_chain_are_an_outage()
    {
        var refused = new NpgsqlException("Failed to connect to 127.0.0.1:1", new SocketException((int)SocketError.ConnectionRefused));
        Assert.True(DatabaseOutage.IsOutage(refused));
        Assert.True(DatabaseOutage.IsOutage(new AggregateException(new InvalidOperationException("outer", refused))));
        Assert.True(DatabaseOutage.IsOutage(new NpgsqlException("The connection pool has been exhausted", new TimeoutException())));
    }

    [Fact]
    public void Exceptions_that_do_not_come_from_the_database_stay_bugs()
    {
        Assert.False(DatabaseOutage.IsOutage(new InvalidOperationException("a bug")));
        Assert.False(DatabaseOutage.IsOutage(new NullReferenceException()));
        Assert.False(DatabaseOutage.IsOutage(new SocketException((int)SocketError.ConnectionRefused)));
        Assert.False(DatabaseOutage.IsOutage(new ArgumentOutOfRangeException("from")));
    }

    private static HttpClient Client(ServiceHost host, string key)
    {
        var client = host.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }
}
