using System.Globalization;
using MediaMonitor.Measurements.Chaos;

namespace MediaMonitor.Measurements.PipelineRun;

/// <summary>
/// `deploy/local/bench.sh idle [seconds=60]`: what the five services cost when nothing happens. Starts them as separate
/// processes (as up.sh does) on fresh servers with no sources and no subscriptions, lets them settle, and reads their CPU
/// seconds and PostgreSQL's (the postmaster and its backends, from /proc) over the window; twice in the same run: first
/// as the event store polled before (the daemon's high-water query every 20 ms: EventStore__NotifyOnAppend=false,
/// EventStore__IdlePollingMilliseconds=20), then as configured by default (woken by NOTIFY, idle poll every 1 s).
/// Ends with exactly: idle: services=5 seconds=N cpu_pct=N polling_cpu_pct=N postgres_cpu_pct=N polling_postgres_cpu_pct=N
/// (percent of one core, the five services together; PostgreSQL on its own).
/// </summary>
public sealed class IdleBenchmark : IMeasurement
{
    public string Verb => "bench";

    public string Kind => "idle";

    public async Task<int> RunAsync(string[] args)
    {
        var seconds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 60;
        var directory = Environment.GetEnvironmentVariable("MM_PIPELINE_DIR") ?? throw new InvalidOperationException("MM_PIPELINE_DIR is not set (run deploy/local/bench.sh idle)");
        var portBase = int.Parse(Environment.GetEnvironmentVariable("MM_PIPELINE_PORT_BASE") ?? throw new InvalidOperationException("MM_PIPELINE_PORT_BASE is not set"), CultureInfo.InvariantCulture);
        var postgresData = Path.Combine(directory, "postgres", "data");

        var polling = await MeasureAsync("polling every 20 ms (before)", new Dictionary<string, string>
        {
            ["EventStore__NotifyOnAppend"] = "false",
            ["EventStore__IdlePollingMilliseconds"] = "20",
        }, seconds, directory, portBase, postgresData);
        var notified = await MeasureAsync("woken by NOTIFY, idle poll every 1 s (default)", [], seconds, directory, portBase + 10, postgresData);

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"idle: services=5 seconds={seconds} cpu_pct={notified.Services:0.0} polling_cpu_pct={polling.Services:0.0} postgres_cpu_pct={notified.Postgres:0.0} polling_postgres_cpu_pct={polling.Postgres:0.0}"));
        return 0;
    }

    private static async Task<(double Services, double Postgres)> MeasureAsync(
        string label, Dictionary<string, string> settings, int seconds, string directory, int portBase, string postgresData)
    {
        var environment = ChaosRun.ServiceEnvironment();
        foreach (var (key, value) in settings)
        {
            environment[key] = value;
        }

        var logs = Path.Combine(directory, "logs", label.Split(' ')[0]);
        Directory.CreateDirectory(logs);
        var services = ServiceProcess.AllFive(portBase, environment, Guid.NewGuid().ToString("N"), logs);
        try
        {
            await ServiceProcess.StartAllAsync(services);

            await Task.Delay(TimeSpan.FromSeconds(15)); // start-up work (JIT, schema checks, first polls) is not idling
            var before = services.ToDictionary(s => s.Name, s => s.CpuSeconds());
            var postgresBefore = ServerCpu.Postgres(postgresData);
            await Task.Delay(TimeSpan.FromSeconds(seconds));
            var used = services.ToDictionary(s => s.Name, s => (s.CpuSeconds() - before[s.Name]) / seconds * 100);
            var postgres = (ServerCpu.Postgres(postgresData) - postgresBefore) / seconds * 100;
            Console.WriteLine($"{label}, idle {seconds} s (load average {Load()}): " +
                string.Join(", ", used.Select(u => string.Create(CultureInfo.InvariantCulture, $"{u.Key} {u.Value:0.0}%"))) +
                string.Create(CultureInfo.InvariantCulture, $"; five services {used.Values.Sum():0.0}% of one core, PostgreSQL {postgres:0.0}%"));
            return (used.Values.Sum(), postgres);
        }
        finally
        {
            foreach (var service in services)
            {
                await service.DisposeAsync();
            }
        }
    }

    private static string Load() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";
}
