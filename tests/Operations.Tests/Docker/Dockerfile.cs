using System.Text.RegularExpressions;

namespace MediaMonitor.Operations.Tests.Docker;

/// <summary>The instructions of one Dockerfile that these tests compare with the code, stage by stage.</summary>
public sealed partial record Dockerfile(IReadOnlyList<DockerStage> Stages)
{
    public DockerStage Runtime => Stages[^1];

    public DockerStage Build => Stages[0];

    public static Dockerfile Parse(string text)
    {
        var joined = text.Replace("\\\n", " ", StringComparison.Ordinal);
        var stages = new List<DockerStage>();
        foreach (var raw in joined.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var space = line.IndexOf(' ', StringComparison.Ordinal);
            var instruction = (space < 0 ? line : line[..space]).ToUpperInvariant();
            var arguments = space < 0 ? "" : line[(space + 1)..].Trim();
            if (instruction == "FROM")
            {
                stages.Add(new DockerStage(arguments.Split(' ')[0], []));
            }
            else if (stages.Count > 0)
            {
                stages[^1].Instructions.Add((instruction, arguments));
            }
        }

        return new Dockerfile(stages);
    }
}

/// <summary>One FROM stage: its base image and its instructions in order.</summary>
public sealed partial record DockerStage(string BaseImage, List<(string Instruction, string Arguments)> Instructions)
{
    public IEnumerable<string> All(string instruction) =>
        Instructions.Where(i => i.Instruction == instruction).Select(i => i.Arguments);

    /// <summary>Source paths of COPY instructions that copy from the build context (not --from another stage).</summary>
    public IEnumerable<string> CopiedFromContext() =>
        All("COPY").Where(a => !a.StartsWith("--from", StringComparison.Ordinal))
            .SelectMany(a => a.Split(' ', StringSplitOptions.RemoveEmptyEntries)[..^1]);

    /// <summary>ENV key=value pairs (several per line allowed).</summary>
    public IReadOnlyDictionary<string, string> Environment() =>
        All("ENV").SelectMany(a => EnvPair().Matches(a)).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);

    [GeneratedRegex("([A-Za-z_][A-Za-z0-9_]*)=(\\S+)")]
    private static partial Regex EnvPair();
}
