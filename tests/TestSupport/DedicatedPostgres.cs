using System.Diagnostics;
using Npgsql;

namespace MediaMonitor.TestSupport;

/// <summary>
/// A PostgreSQL server of one test's own (deploy/local/servers.sh's mm_pg_start, in a temporary folder), for tests that stop
/// and start the database: the server deploy/local/test.sh starts is shared by every test and never stopped. It listens on
/// the shared server's port + <see cref="PortOffset"/> (test.sh's port base + 10, unused by its other servers), or another
/// offset a test asks for, so tests in two assemblies that run at the same time each have their own.
/// </summary>
public sealed class DedicatedPostgres : IAsyncDisposable
{
    public const int PortOffset = 10;

    private readonly string _dir;

    private DedicatedPostgres(string dir, int port)
    {
        _dir = dir;
        Port = port;
    }

    public int Port { get; }

    public string ConnectionString => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1", Port = Port, Database = "postgres", Username = "postgres", Password = "postgres", MaxPoolSize = 40, Timeout = 5,
    }.ConnectionString;

    /// <summary>Starts a server on the shared server's port + <paramref name="portOffset"/> (10 to 19: test.sh's other servers use 0 to 6, the chaos run 40 and up).</summary>
    public static async Task<DedicatedPostgres> StartAsync(int portOffset = PortOffset)
    {
        var shared = new NpgsqlConnectionStringBuilder(TestServers.PostgresAdminConnectionString);
        var server = new DedicatedPostgres(Directory.CreateTempSubdirectory("mm-pg-").FullName, shared.Port + portOffset);
        await server.StartAgainAsync();
        return server;
    }

    /// <summary>Starts the server (again, on the same data and port).</summary>
    public Task StartAgainAsync() => RunAsync($"mm_pg_start '{_dir}' {Port}");

    /// <summary>Stops the server (pg_ctl stop -m fast: sessions are ended, the port then refuses connections).</summary>
    public Task StopAsync() => RunAsync($"mm_pg_stop '{_dir}'");

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        Directory.Delete(_dir, recursive: true);
    }

    private static async Task RunAsync(string command)
    {
        var servers = Path.Combine(SharedData.RepositoryRoot, "deploy", "local", "servers.sh");
        var start = new ProcessStartInfo("bash", ["-c", $"source '{servers}' && {command}"]) { RedirectStandardError = true, RedirectStandardOutput = true };
        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"`{command}` failed ({process.ExitCode}): {await errors}{await output}");
        }
    }
}
