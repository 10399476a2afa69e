namespace MediaMonitor.Operations.Tests.Configuration;

/// <summary>
/// deploy/local/launch.sh, as up.sh uses it, started for real: five processes from five (stand-in) build outputs, whose
/// environments are then read from /proc. A `dotnet` on the PATH that only sleeps stands in for the runtime, so the test
/// checks what each process was given without starting the services.
/// </summary>
public sealed class DemoLauncherTests : IDisposable
{
    private static readonly string[] Services = ["Api", "Crawler", "Deduplication", "EntityTagging", "Alerting"];
    private readonly string _work = Directory.CreateTempSubdirectory("mm-launch-").FullName;

    [Fact]
    public async Task Only_the_Api_process_receives_the_admin_key_and_only_the_Api_and_Alerting_the_secrets_sealing_key()
    {
        const string adminKey = "launcher-test-admin-key-5f1c9a";
        const string secretsKey = "bGF1bmNoZXItdGVzdC1zZWFsaW5nLWtleS0zMmJ5dGU=";
        var fakeBin = Directory.CreateDirectory(Path.Combine(_work, "bin")).FullName;
        var fakeDotnet = Path.Combine(fakeBin, "dotnet");
        await File.WriteAllTextAsync(fakeDotnet, "#!/bin/sh\nexec sleep 60\n");
        foreach (var svc in Services)
        {
            var output = Directory.CreateDirectory(Path.Combine(_work, "services", svc, "bin", "Release", "net10.0")).FullName;
            await File.WriteAllTextAsync(Path.Combine(output, $"MediaMonitor.{svc}.dll"), "stand-in");
        }

        var deploy = Path.Combine(SharedData.RepositoryRoot, "deploy", "local");
        var script = $"""
            chmod +x '{fakeDotnet}'
            source '{deploy}/servers.sh'
            source '{deploy}/launch.sh'
            dir='{_work}/state'
            mkdir -p "$dir/logs" "$dir/pids" "$dir/app"
            declare -A port=([Api]=1 [Crawler]=2 [Deduplication]=3 [EntityTagging]=4 [Alerting]=5)
            admin_key='{adminKey}'
            secrets_key='{secretsKey}'
            demo_shared_environment
            for svc in {string.Join(' ', Services)}; do start_service "$svc"; done
            """;
        var start = new ProcessStartInfo("bash", ["-c", script]) { WorkingDirectory = _work, RedirectStandardError = true };
        start.Environment["PATH"] = fakeBin + ":" + Environment.GetEnvironmentVariable("PATH");
        using (var launcher = Process.Start(start)!)
        {
            var errors = await launcher.StandardError.ReadToEndAsync();
            await launcher.WaitForExitAsync();
            Assert.True(launcher.ExitCode == 0, "launch.sh failed: " + errors);
        }

        var environments = new Dictionary<string, string>();
        foreach (var svc in Services)
        {
            var pid = int.Parse(await File.ReadAllTextAsync(Path.Combine(_work, "state", "pids", svc + ".pid")), System.Globalization.CultureInfo.InvariantCulture);
            environments[svc] = await Eventually.Until(
                async () => await File.ReadAllTextAsync($"/proc/{pid}/environ"),
                env => env.Contains("OTEL_SERVICE_NAME=", StringComparison.Ordinal), TimeSpan.FromSeconds(10), $"{svc}'s process to start");
            var commandLine = await File.ReadAllTextAsync($"/proc/{pid}/cmdline");
            Assert.DoesNotContain(adminKey, commandLine, StringComparison.Ordinal);
            Assert.DoesNotContain(secretsKey, commandLine, StringComparison.Ordinal);
        }

        foreach (var svc in Services)
        {
            var holds = environments[svc].Contains("Secrets__Key=" + secretsKey + "\0", StringComparison.Ordinal);
            Assert.True(holds == (svc is "Api" or "Alerting"), $"{svc} {(holds ? "holds" : "lacks")} Secrets__Key");
        }

        Assert.Contains("\0Api__AdminKey=" + adminKey + "\0", "\0" + environments["Api"], StringComparison.Ordinal);
        foreach (var svc in Services.Where(s => s != "Api"))
        {
            Assert.DoesNotContain("Api__AdminKey", environments[svc], StringComparison.Ordinal);
            Assert.DoesNotContain(adminKey, environments[svc], StringComparison.Ordinal);
            Assert.Contains("Crawler__PollIntervalSeconds=5", environments[svc], StringComparison.Ordinal);
        }
    }

    public void Dispose()
    {
        // The stand-in processes this test started, by the PIDs the launcher recorded.
        foreach (var file in Directory.EnumerateFiles(Path.Combine(_work, "state", "pids"), "*.pid"))
        {
            try
            {
                using var process = Process.GetProcessById(int.Parse(File.ReadAllText(file), System.Globalization.CultureInfo.InvariantCulture));
                process.Kill();
            }
            catch (ArgumentException)
            {
            }
        }

        Directory.Delete(_work, recursive: true);
    }
}
