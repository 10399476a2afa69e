using System.Collections.Concurrent;

namespace MediaMonitor.Operations.Tests.Kubernetes;

/// <summary>Renders deploy/k8s overlays with the real `kubectl kustomize` (offline), once per overlay per test run.</summary>
public static class Kustomize
{
    public static readonly string[] Overlays = ["dev", "prod"];

    private static readonly ConcurrentDictionary<string, Lazy<string>> Rendered = new();

    public static string K8sRoot => Path.Combine(SharedData.RepositoryRoot, "deploy", "k8s");

    /// <summary>The rendered YAML of deploy/k8s/&lt;relative&gt;; skips the calling test when kubectl is not installed.</summary>
    public static string Render(string relative)
    {
        Skip.If(Tool.Find("kubectl") is null, "kubectl is not on PATH: the Kubernetes manifests cannot be rendered on this machine.");
        return Rendered.GetOrAdd(relative, r => new Lazy<string>(() => Run(Path.Combine(K8sRoot, r)))).Value;
    }

    public static RenderedManifests Load(string overlay) => RenderedManifests.Parse(Render(Path.Combine("overlays", overlay)));

    private static string Run(string directory)
    {
        var (exit, stdout, stderr) = Tool.Run("kubectl", ["kustomize", directory], TimeSpan.FromSeconds(60));
        if (exit != 0)
        {
            throw new InvalidOperationException($"kubectl kustomize {directory} failed ({exit}): {stderr}");
        }

        return stdout;
    }
}

/// <summary>Finds and runs a command-line tool.</summary>
public static class Tool
{
    public static string? Find(string name)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);
    }

    public static (int ExitCode, string Stdout, string Stderr) Run(string tool, IEnumerable<string> arguments, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(tool)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start " + tool);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{tool} did not finish within {timeout.TotalSeconds:0}s");
        }

        return (process.ExitCode, stdout.Result, stderr.Result);
    }
}
