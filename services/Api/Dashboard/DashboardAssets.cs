using System.Collections.Frozen;
using System.Reflection;
using System.Security.Cryptography;

namespace MediaMonitor.Api.Dashboard;

/// <summary>One file of the dashboard (Dashboard/wwwroot), embedded in the Api assembly: its bytes, content type and ETag.</summary>
public sealed record DashboardAsset(string Path, byte[] Content, string ContentType, string ETag);

/// <summary>
/// The dashboard's files, read once from the assembly's embedded resources named <c>dashboard/&lt;path&gt;</c>
/// (MediaMonitor.Api.csproj embeds Dashboard/wwwroot/**): the Api serves them wherever it runs, with no content root.
/// </summary>
public static class DashboardAssets
{
    private const string Prefix = "dashboard/";

    private static readonly Lazy<FrozenDictionary<string, DashboardAsset>> All = new(Load);

    public static IReadOnlyCollection<string> Paths => All.Value.Keys;

    /// <summary>The asset at <paramref name="path"/> (relative to wwwroot, '/'-separated), or null: only embedded names match, so no path escapes the folder.</summary>
    public static DashboardAsset? Find(string? path) =>
        path is not null && All.Value.TryGetValue(path, out var asset) ? asset : null;

    private static FrozenDictionary<string, DashboardAsset> Load()
    {
        var assembly = Assembly.GetExecutingAssembly();
        var assets = new Dictionary<string, DashboardAsset>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            var content = buffer.ToArray();
            var path = name[Prefix.Length..].Replace('\\', '/');
            assets[path] = new DashboardAsset(path, content, ContentType(path), $"\"{Convert.ToHexString(SHA256.HashData(content))[..16]}\"");
        }

        return assets.Count == 0
            ? throw new InvalidOperationException("the dashboard's files are not embedded in the assembly")
            : assets.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static string ContentType(string path) => System.IO.Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".html" => "text/html; charset=utf-8",
        ".js" => "text/javascript; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        ".svg" => "image/svg+xml",
        ".png" => "image/png",
        ".json" => "application/json; charset=utf-8",
        _ => "text/plain; charset=utf-8",
    };
}
