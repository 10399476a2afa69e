using System.Diagnostics;
using System.Globalization;

using MediaMonitor.Measurements.Chaos;

namespace MediaMonitor.Measurements.PipelineRun;

/// <summary>
/// CPU seconds used so far by the processes beside the five services, read from /proc: the run's PostgreSQL (the
/// postmaster, its live backends and workers, and those it has already reaped), the run's RabbitMQ node, this benchmark
/// process (the newsroom's outlets and hubs, the webhook receiver) and the whole machine, so a phase's CPU can be split
/// between the services, the servers, the load generator and anything else running.
/// </summary>
public static class ServerCpu
{
    private const double TicksPerSecond = 100; // USER_HZ on Linux

    /// <summary>The PostgreSQL whose data directory is <paramref name="dataDirectory"/>: postmaster, children, reaped children.</summary>
    public static double Postgres(string dataDirectory)
    {
        var postmaster = int.Parse(File.ReadLines(Path.Combine(dataDirectory, "postmaster.pid")).First(), CultureInfo.InvariantCulture);
        var ticks = 0L;
        foreach (var (pid, fields) in Processes())
        {
            if (pid == postmaster)
            {
                // utime, stime, and cutime, cstime: what its exited backends used (a connection closed by a pool).
                ticks += Field(fields, 11) + Field(fields, 12) + Field(fields, 13) + Field(fields, 14);
            }
            else if (Field(fields, 1) == postmaster)
            {
                ticks += Field(fields, 11) + Field(fields, 12);
            }
        }

        return ticks / TicksPerSecond;
    }

    /// <summary>The RabbitMQ node started under <paramref name="serversDirectory"/> (its beam.smp; not rabbitmqctl's).</summary>
    public static double RabbitMq(string serversDirectory)
    {
        var home = $"-home {Path.Combine(serversDirectory, "rabbitmq", "home")} ";
        var ticks = 0L;
        foreach (var (pid, fields) in Processes())
        {
            try
            {
                var command = File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ');
                if (command.Contains(home, StringComparison.Ordinal) && command.Contains("-s rabbit boot", StringComparison.Ordinal))
                {
                    ticks += Field(fields, 11) + Field(fields, 12);
                }
            }
            catch (IOException)
            {
                // Ended between the listing and the read.
            }
        }

        return ticks / TicksPerSecond;
    }

    /// <summary>This process: the benchmark's outlets, hubs and webhook receiver.</summary>
    public static double Benchmark()
    {
        using var self = Process.GetCurrentProcess();
        return self.TotalProcessorTime.TotalSeconds;
    }

    /// <summary>Every core's busy time (user, nice, system, irq, softirq, steal) from /proc/stat.</summary>
    public static double Machine()
    {
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        long F(int i) => long.Parse(fields[i], CultureInfo.InvariantCulture);
        return (F(1) + F(2) + F(3) + F(6) + F(7) + F(8)) / TicksPerSecond;
    }

    /// <summary>Every process's CPU seconds so far (the services by name, then PostgreSQL, RabbitMQ, benchmark) and the machine's.</summary>
    public static CpuSnapshot Take(IEnumerable<ServiceProcess> services, string serversDirectory)
    {
        var byProcess = services.ToDictionary(s => s.Name, s => s.CpuSeconds());
        byProcess["PostgreSQL"] = Postgres(Path.Combine(serversDirectory, "postgres", "data"));
        byProcess["RabbitMQ"] = RabbitMq(serversDirectory);
        byProcess["benchmark"] = Benchmark();
        return new CpuSnapshot(byProcess, Machine(), Stopwatch.GetTimestamp());
    }

    private static long Field(string[] fields, int index) => long.Parse(fields[index], CultureInfo.InvariantCulture);

    /// <summary>Each process's /proc/PID/stat fields after the ")" of its name (field 0 is its state, 1 its parent).</summary>
    private static IEnumerable<(int Pid, string[] Fields)> Processes()
    {
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
            {
                continue;
            }

            string stat;
            try
            {
                stat = File.ReadAllText(Path.Combine(dir, "stat"));
            }
            catch (IOException)
            {
                continue; // ended between the listing and the read
            }

            yield return (pid, stat[(stat.LastIndexOf(')') + 2)..].Split(' '));
        }
    }
}

/// <summary>CPU seconds by process at one instant (<see cref="ServerCpu.Take"/>).</summary>
public sealed record CpuSnapshot(IReadOnlyDictionary<string, double> ByProcess, double Machine, long Timestamp)
{
    /// <summary>
    /// Where the cores went between <paramref name="before"/> and this snapshot: CPU seconds of each process, of the rest of
    /// the machine, the cores in use on average, and per 1,000 of the phase's <paramref name="articles"/>.
    /// </summary>
    public string Since(CpuSnapshot before, int articles)
    {
        ArgumentNullException.ThrowIfNull(before);
        var seconds = Stopwatch.GetElapsedTime(before.Timestamp, Timestamp).TotalSeconds;
        var used = ByProcess.ToDictionary(p => p.Key, p => p.Value - before.ByProcess.GetValueOrDefault(p.Key));
        var machine = Machine - before.Machine;
        var rest = machine - used.Values.Sum();
        var perThousand = (double cpu) => cpu / Math.Max(1, articles) * 1000;
        return string.Create(CultureInfo.InvariantCulture,
            $"{seconds:0} s, {articles} articles; CPU s (per 1,000 articles): ") +
            string.Join(", ", used.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key} {p.Value:0.0} ({perThousand(p.Value):0.0})"))) +
            string.Create(CultureInfo.InvariantCulture,
                $", anything else on the machine {rest:0.0}; the machine's cores busy {machine / Math.Max(0.001, seconds):0.00} of {Environment.ProcessorCount} on average");
    }
}
