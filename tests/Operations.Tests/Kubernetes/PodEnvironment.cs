using System.Text;

namespace MediaMonitor.Operations.Tests.Kubernetes;

/// <summary>The environment one container starts with: envFrom ConfigMaps and Secrets, then explicit env (which wins).</summary>
public sealed record PodEnvironment(IReadOnlyDictionary<string, string?> Variables)
{
    /// <summary>Variables that only feed others through the kubelet's $(NAME) expansion (e.g. operator credentials).</summary>
    public IEnumerable<string> CompositionHelpers =>
        Variables.Keys.Where(name => Variables.Values.Any(v => v?.Contains($"$({name})", StringComparison.Ordinal) == true));

    public static PodEnvironment Of(V1Container container, RenderedManifests manifests)
    {
        var variables = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var source in container.EnvFrom ?? [])
        {
            if (source.ConfigMapRef is { } cm && manifests.ConfigMaps.FirstOrDefault(c => c.Metadata.Name == cm.Name) is { } map)
            {
                foreach (var (key, value) in map.Data ?? new Dictionary<string, string>())
                {
                    variables[key] = value;
                }
            }

            if (source.SecretRef is { } sr && manifests.Secrets.FirstOrDefault(s => s.Metadata.Name == sr.Name) is { } secret)
            {
                foreach (var (key, value) in secret.Data ?? new Dictionary<string, byte[]>())
                {
                    variables[key] = Encoding.UTF8.GetString(value);
                }
            }
        }

        foreach (var env in container.Env ?? [])
        {
            variables[env.Name] = env.Value;
        }

        return new PodEnvironment(variables);
    }
}
