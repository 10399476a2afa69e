using System.Text.Json;
using System.Text.Json.Serialization;

namespace MediaMonitor.Measurements.Dedup;

/// <summary>One line of articles.jsonl: the evaluation's input format.</summary>
public sealed record BenchmarkArticle(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("source")] string Source,
    [property: JsonPropertyName("url")] string Url,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("text")] string Text,
    [property: JsonPropertyName("published")] DateTimeOffset Published)
{
    private static readonly JsonSerializerOptions Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static BenchmarkArticle FromJson(string line) =>
        JsonSerializer.Deserialize<BenchmarkArticle>(line, Json) ?? throw new InvalidDataException("empty article line");

    /// <summary>Reads DIR/articles.jsonl and DIR/groups.tsv (id TAB group; unlisted articles are alone).</summary>
    public static (List<BenchmarkArticle> Articles, Dictionary<string, string> Groups) ReadSet(string dir)
    {
        var articlesPath = Path.Combine(dir, "articles.jsonl");
        var groupsPath = Path.Combine(dir, "groups.tsv");
        if (!File.Exists(articlesPath))
        {
            throw new FileNotFoundException($"{articlesPath} not found; make a set with: deploy/local/eval.sh dedup-set {dir}");
        }

        var articles = File.ReadLines(articlesPath).Where(l => !string.IsNullOrWhiteSpace(l)).Select(FromJson).ToList();
        var groups = new Dictionary<string, string>(StringComparer.Ordinal);
        if (File.Exists(groupsPath))
        {
            foreach (var line in File.ReadLines(groupsPath))
            {
                var parts = line.Split('\t');
                if (parts.Length >= 2 && parts[0].Length > 0)
                {
                    groups[parts[0]] = parts[1];
                }
            }
        }

        return (articles, groups);
    }

    /// <summary>DIR/stories.tsv (id TAB story) when the set has one, else the copy groups: copies are one story too.</summary>
    public static Dictionary<string, string> ReadStories(string dir, Dictionary<string, string> groups)
    {
        ArgumentNullException.ThrowIfNull(groups);
        var path = Path.Combine(dir, "stories.tsv");
        if (!File.Exists(path))
        {
            return new Dictionary<string, string>(groups, StringComparer.Ordinal);
        }

        return File.ReadLines(path).Select(l => l.Split('\t')).Where(p => p.Length >= 2 && p[0].Length > 0)
            .ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
    }
}
