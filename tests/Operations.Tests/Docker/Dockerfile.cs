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
        var globalArguments = new Dictionary<string, string>(StringComparer.Ordinal);
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
            if (instruction == "ARG" && stages.Count == 0)
            {
                var equals = arguments.IndexOf('=', StringComparison.Ordinal);
                globalArguments[equals < 0 ? arguments : arguments[..equals]] = equals < 0 ? "" : arguments[(equals + 1)..];
            }
            else if (instruction == "FROM")
            {
                var image = arguments.Split(' ')[0];
                var resolved = ArgumentReference().Replace(image, m =>
                    globalArguments.TryGetValue(m.Groups[1].Value, out var value) ? value
                        : throw new FormatException($"FROM {image}: ${{{m.Groups[1].Value}}} has no ARG default before the first FROM"));
                stages.Add(new DockerStage(resolved, image, []));
            }
            else if (stages.Count > 0)
            {
                stages[^1].Instructions.Add((instruction, arguments));
            }
        }

        return new Dockerfile(stages);
    }

    [GeneratedRegex("\\$\\{([A-Za-z_][A-Za-z0-9_]*)\\}")]
    private static partial Regex ArgumentReference();
}

/// <summary>One FROM stage: its base image (build arguments replaced by their defaults), the FROM text as written,
/// and its instructions in order.</summary>
public sealed partial record DockerStage(string BaseImage, string WrittenBaseImage, List<(string Instruction, string Arguments)> Instructions)
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
