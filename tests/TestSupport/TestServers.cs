using System.Net.Http.Headers;
using System.Text;
using Npgsql;

namespace MediaMonitor.TestSupport;

/// <summary>
/// The real PostgreSQL and RabbitMQ that deploy/local/test.sh starts. Each test gets its own database and virtual host,
/// so tests run in parallel without seeing each other's events or queues.
/// </summary>
public static class TestServers
{
    private static string Require(string name) =>
        Environment.GetEnvironmentVariable(name)
        ?? throw new InvalidOperationException(
            $"{name} is not set: integration tests need the real servers; run them through deploy/local/test.sh.");

    public static string PostgresAdminConnectionString => Require("MM_POSTGRES_ADMIN");

    public static string RabbitHost => Require("RabbitMq__Host");

    public static int RabbitPort => int.Parse(Require("RabbitMq__Port"), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The folder the SMTP sink deploy/local/test.sh starts writes each received message to (one file per message).</summary>
    public static string SmtpMailDirectory => Require("MM_SMTP_MAIL_DIR");

    public static int SmtpPort => int.Parse(Require("Alerting__Smtp__Port"), System.Globalization.CultureInfo.InvariantCulture);

    public static int RabbitManagementPort => int.Parse(Require("RabbitMq__ManagementPort"), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A new empty database; returns its connection string.</summary>
    public static async Task<string> CreateDatabaseAsync(string prefix)
    {
        var name = Unique(prefix);
        await using (var connection = new NpgsqlConnection(PostgresAdminConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"create database \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }

        var builder = new NpgsqlConnectionStringBuilder(PostgresAdminConnectionString) { Database = name, MaxPoolSize = 40 };
        return builder.ConnectionString;
    }

    /// <summary>A new RabbitMQ virtual host with full permissions for guest; returns its name.</summary>
    public static async Task<string> CreateVirtualHostAsync(string prefix)
    {
        var name = Unique(prefix);
        using var http = ManagementClient();
        (await http.PutAsync($"api/vhosts/{name}", new StringContent("{}", Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();
        var permissions = """{"configure":".*","write":".*","read":".*"}""";
        (await http.PutAsync($"api/permissions/{name}/guest", new StringContent(permissions, Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();
        return name;
    }

    /// <summary>The configuration a service host needs to use one test's database and virtual host.</summary>
    public static Dictionary<string, string?> ServiceSettings(string connectionString, string virtualHost) => new()
    {
        ["ConnectionStrings:Postgres"] = connectionString,
        ["RabbitMq:Host"] = RabbitHost,
        ["RabbitMq:Port"] = RabbitPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["RabbitMq:VirtualHost"] = virtualHost,
        ["RabbitMq:Username"] = "guest",
        ["RabbitMq:Password"] = "guest",
        ["Secrets:Key"] = SecretsKey,
    };

    /// <summary>The key test hosts seal delivery secrets with (Secrets:Key; only the Api and Alerting read it).</summary>
    public const string SecretsKey = "bWVkaWFtb25pdG9yLXRlc3Qta2V5LTMyLWJ5dGVzISE=";

    public static HttpClient ManagementClient()
    {
        var http = new HttpClient { BaseAddress = new Uri($"http://{RabbitHost}:{RabbitManagementPort}/") };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.ASCII.GetBytes("guest:guest")));
        return http;
    }

    private static string Unique(string prefix) =>
        $"{prefix.ToLowerInvariant()}_{DateTime.UtcNow:HHmmss}_{Guid.NewGuid().ToString("N")[..8]}";
}
