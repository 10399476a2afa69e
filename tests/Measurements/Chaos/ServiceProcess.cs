using System.Diagnostics;

namespace MediaMonitor.Measurements.Chaos;

/// <summary>
/// One MediaMonitor service run as its own OS process from its build output (as deploy/local/up.sh runs it), so the
/// chaos run can kill it with SIGKILL and start it again. Its output goes to a log file per service (appended across
/// restarts).
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private static readonly HttpClient Probe = new() { Timeout = TimeSpan.FromSeconds(2) };
    private readonly string _name;
    private readonly string _directory;
    private readonly IReadOnlyDictionary<string, string> _environment;
    private readonly string _log;
    private Process? _process;

    public ServiceProcess(string name, string root, int port, IReadOnlyDictionary<string, string> environment, string logDirectory)
    {
        _name = name;
        _directory = Path.Combine(root, "services", name, "bin", "Release", "net10.0");
        Port = port;
        _environment = environment;
        _log = Path.Combine(logDirectory, name + ".log");
    }

    public string Name => _name;

    /// <summary>
    /// The five services, each on its own port from <paramref name="portBase"/> + 20 (Api, Crawler, Deduplication,
    /// EntityTagging, Alerting), with <paramref name="environment"/> and, for the Api, the admin key.
    /// </summary>
    public static List<ServiceProcess> AllFive(int portBase, IReadOnlyDictionary<string, string> environment, string adminKey, string logDirectory) =>
        [.. Names.Select(name => new ServiceProcess(name, Directory.GetCurrentDirectory(), PortOf(name, portBase),
            name == "Api" ? new Dictionary<string, string>(environment) { ["Api__AdminKey"] = adminKey } : environment, logDirectory))];

    /// <summary>The address <see cref="AllFive"/> gives the service <paramref name="name"/> (known before it starts, e.g. for a callback URL).</summary>
    public static Uri BaseAddressOf(string name, int portBase) => new($"http://127.0.0.1:{PortOf(name, portBase)}");

    private static readonly string[] Names = ["Api", "Crawler", "Deduplication", "EntityTagging", "Alerting"];

    private static int PortOf(string name, int portBase) =>
        portBase + 20 + (Array.IndexOf(Names, name) is var i and >= 0 ? i : throw new ArgumentException($"no service {name}", nameof(name)));

    /// <summary>Starts the Api alone and waits until it is ready, then the others at once, and waits until every one is ready.</summary>
    public static async Task StartAllAsync(IEnumerable<ServiceProcess> services)
    {
        var all = services.ToList();
        var api = all.Single(s => s.Name == "Api");
        api.Start();
        await api.WaitReadyAsync(TimeSpan.FromMinutes(3));
        foreach (var service in all.Where(s => s != api))
        {
            service.Start();
        }

        foreach (var service in all)
        {
            await service.WaitReadyAsync(TimeSpan.FromMinutes(3));
        }
    }

    public int Port { get; }

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}");

    public void Start()
    {
        var dll = Path.Combine(_directory, $"MediaMonitor.{_name}.dll");
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException($"{dll} is missing: build the services first (chaos.sh does)");
        }

        var start = new ProcessStartInfo("dotnet", [dll])
        {
            WorkingDirectory = _directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (key, value) in _environment)
        {
            start.Environment[key] = value;
        }

        start.Environment["ASPNETCORE_URLS"] = BaseAddress.ToString().TrimEnd('/');
        start.Environment["OTEL_SERVICE_NAME"] = "mediamonitor-" + _name.ToLowerInvariant();
        var log = new StreamWriter(_log, append: true) { AutoFlush = true };
        log.WriteLine($"---- started {DateTimeOffset.UtcNow:O}");
        var process = Process.Start(start) ?? throw new InvalidOperationException($"{_name} did not start");
        process.OutputDataReceived += (_, e) => Write(log, e.Data);
        process.ErrorDataReceived += (_, e) => Write(log, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
    }

    /// <summary>kill -9: no shutdown hooks, no flush, no graceful disconnect from the broker.</summary>
    public void Kill()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(10_000);
        }
    }

    public bool Exited => _process is null || _process.HasExited;

    /// <summary>User plus system CPU seconds the running process has used (from /proc).</summary>
    public double CpuSeconds()
    {
        if (_process is not { HasExited: false } process)
        {
            return 0;
        }

        // /proc/<pid>/stat: fields 14 and 15 (utime, stime) in clock ticks (100 per second on Linux), after the ")" of the name.
        var stat = File.ReadAllText($"/proc/{process.Id}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], System.Globalization.CultureInfo.InvariantCulture) + long.Parse(fields[12], System.Globalization.CultureInfo.InvariantCulture)) / 100.0;
    }

    /// <summary>The process's peak resident set (VmHWM) in MB.</summary>
    public double PeakRssMegabytes()
    {
        if (_process is not { HasExited: false } process)
        {
            return 0;
        }

        var line = File.ReadLines($"/proc/{process.Id}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) / 1024.0;
    }

    public async Task<bool> IsReadyAsync()
    {
        try
        {
            using var response = await Probe.GetAsync(new Uri(BaseAddress, "/health/ready"));
            return response.IsSuccessStatusCode;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }

    /// <summary>Waits until /health/ready answers 200; a process that exits while starting is started again.</summary>
    public async Task<TimeSpan> WaitReadyAsync(TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (await IsReadyAsync())
            {
                return clock.Elapsed;
            }

            if (Exited)
            {
                // A service that loses the schema-migration race or finds a server down while starting exits; start it again.
                await Task.Delay(1000);
                Start();
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"{_name} was not ready at {BaseAddress}health/ready within {timeout.TotalSeconds:0} s; see {_log}");
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: false);
            await process.WaitForExitAsync();
        }

        _process?.Dispose();
    }

    private static void Write(StreamWriter log, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            log.WriteLine(line);
        }
    }
}
