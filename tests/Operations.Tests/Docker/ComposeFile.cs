using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace MediaMonitor.Operations.Tests.Docker;

/// <summary>deploy/docker-compose.yml loaded with its anchors and merge keys (&lt;&lt;) resolved.</summary>
public sealed class ComposeFile
{
    private ComposeFile(Dictionary<object, object> root) => Root = root;

    public Dictionary<object, object> Root { get; }

    public IReadOnlyDictionary<string, Dictionary<object, object>> Services =>
        ((Dictionary<object, object>)Root["services"]).ToDictionary(kv => (string)kv.Key, kv => (Dictionary<object, object>)kv.Value);

    public static ComposeFile Load()
    {
        using var reader = File.OpenText(Path.Combine(SharedData.RepositoryRoot, "deploy", "docker-compose.yml"));
        var root = new DeserializerBuilder().Build().Deserialize<Dictionary<object, object>>(new MergingParser(new Parser(reader)));
        return new ComposeFile(root);
    }

    public static IReadOnlyDictionary<string, string> Environment(Dictionary<object, object> service) =>
        service.TryGetValue("environment", out var env)
            ? ((Dictionary<object, object>)env).ToDictionary(kv => (string)kv.Key, kv => kv.Value?.ToString() ?? "")
            : new Dictionary<string, string>();

    public static IEnumerable<string> List(Dictionary<object, object> service, string key) =>
        service.TryGetValue(key, out var value) ? ((List<object>)value).Select(v => v.ToString()!) : [];
}
