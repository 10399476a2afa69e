using System.Diagnostics;

namespace MediaMonitor.Measurements.Chaos;

/// <summary>One fault injected during the run and how long the system took to recover from it.</summary>
public sealed record InjectedFault(string Name, DateTimeOffset At, double RecoverySeconds);

/// <summary>
/// The faults of a chaos run, one after another while the newsroom publishes: each service killed with SIGKILL and
/// started again, RabbitMQ restarted, PostgreSQL restarted, the webhook receiver answering 500 and then dropping
/// connections. Recovery: for a killed service, from the kill until every service answers /health/ready again; for a
/// server, from the moment it is up again until every service is ready; for the receiver, from its return until the
/// first webhook it accepts, or until every alert raised is settled (delivered, dead-lettered or skipped: a delivery
/// stuck in a queue, a relay or a retry keeps its alert unsettled).
/// </summary>
public sealed class ChaosFaults(
    IReadOnlyList<ServiceProcess> services, FlakyWebhookReceiver receiver, PipelineProbe probe, string serverDirectory, int portBase,
    TimeSpan serverErrorFor, TimeSpan dropFor)
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromMinutes(4);

    /// <summary>Runs every fault, starting one every <paramref name="spacing"/> (or when the previous one has recovered, if later).</summary>
    public async Task<List<InjectedFault>> RunAsync(TimeSpan spacing, Action<string> log)
    {
        var done = new List<InjectedFault>();
        var order = new List<(string Name, Func<Task<double>> Inject)>();
        order.AddRange(services.Select(s => ("kill -9 " + s.Name, (Func<Task<double>>)(() => KillAsync(s)))));
        order.Insert(2, ("restart RabbitMQ", () => RestartServerAsync("rabbit")));
        order.Insert(5, ($"webhook answers 500 for {serverErrorFor.TotalSeconds:0} s", () => ReceiverFaultAsync(WebhookMode.AnsweringServerError, serverErrorFor)));
        order.Add(("restart PostgreSQL", () => RestartServerAsync("pg")));
        order.Add(($"webhook drops connections for {dropFor.TotalSeconds:0} s", () => ReceiverFaultAsync(WebhookMode.DroppingConnections, dropFor)));
        foreach (var (name, inject) in order)
        {
            var started = Stopwatch.StartNew();
            var at = DateTimeOffset.UtcNow;
            log($"fault: {name}");
            var recovery = await inject();
            log($"fault: {name}: recovered in {recovery:0.0} s; {await probe.DescribeAsync()}");
            done.Add(new InjectedFault(name, at, recovery));
            var rest = spacing - started.Elapsed;
            if (rest > TimeSpan.Zero)
            {
                await Task.Delay(rest);
            }
        }

        return done;
    }

    private async Task<double> KillAsync(ServiceProcess service)
    {
        var clock = Stopwatch.StartNew();
        service.Kill();
        await Task.Delay(TimeSpan.FromSeconds(2));
        service.Start();
        await AllReadyAsync();
        return clock.Elapsed.TotalSeconds;
    }

    private async Task<double> RestartServerAsync(string server)
    {
        var (stop, start) = server == "pg"
            ? ("mm_pg_stop \"$0\"", "mm_pg_start \"$0\" \"$1\"")
            : ("mm_rabbit_stop \"$0\" \"$1\"", "mm_rabbit_start \"$0\" \"$1\"");
        await BashAsync($"source deploy/local/servers.sh; {stop}; sleep 3");
        await BashAsync($"source deploy/local/servers.sh; {start}");
        var clock = Stopwatch.StartNew();
        await AllReadyAsync();
        return clock.Elapsed.TotalSeconds;
    }

    private async Task<double> ReceiverFaultAsync(WebhookMode mode, TimeSpan duration)
    {
        receiver.Current = mode;
        await Task.Delay(duration);
        var before = receiver.Accepted.Count;
        receiver.Current = WebhookMode.Accepting;
        var clock = Stopwatch.StartNew();
        var asked = TimeSpan.Zero;
        while (receiver.Accepted.Count == before && clock.Elapsed < ReadyTimeout)
        {
            // Every alert raised is settled (delivered before the fault, or in time): nothing to recover.
            if (clock.Elapsed >= asked)
            {
                asked = clock.Elapsed + TimeSpan.FromSeconds(1);
                if (await probe.UnsettledAlertsAsync() == 0)
                {
                    break;
                }
            }

            await Task.Delay(100);
        }

        return clock.Elapsed.TotalSeconds;
    }

    private async Task AllReadyAsync()
    {
        foreach (var service in services)
        {
            await service.WaitReadyAsync(ReadyTimeout);
        }
    }

    private async Task BashAsync(string script)
    {
        var start = new ProcessStartInfo("bash", ["-c", script, serverDirectory, portBase.ToString(System.Globalization.CultureInfo.InvariantCulture)])
        {
            WorkingDirectory = Directory.GetCurrentDirectory(),
            UseShellExecute = false,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("bash did not start");
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"'{script}' exited with {process.ExitCode}");
        }
    }
}
