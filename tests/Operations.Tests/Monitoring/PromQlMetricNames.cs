namespace MediaMonitor.Operations.Tests.Monitoring;

/// <summary>The metric names a PromQL expression reads: plain names, and {__name__=~"..."} selectors as patterns.</summary>
public static partial class PromQlMetricNames
{
    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "and", "or", "unless", "bool", "offset", "by", "without", "on", "ignoring", "group_left", "group_right", "inf", "nan",
    };

    public static IReadOnlySet<string> Names(string expression)
    {
        var text = NameSelector().Replace(expression, " ");
        text = LabelMatchers().Replace(text, " ");
        text = StringLiterals().Replace(text, " ");
        text = Ranges().Replace(text, " ");
        text = Grouping().Replace(text, " ");
        return Identifier().Matches(text)
            .Where(m => !Keywords.Contains(m.Value) && !IsFunctionCall(text, m))
            .Select(m => m.Value)
            .ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Regular expressions given as {__name__=~"..."}; each must match at least one real metric.</summary>
    public static IReadOnlySet<string> NamePatterns(string expression) =>
        NameSelector().Matches(expression).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);

    private static bool IsFunctionCall(string text, Match m)
    {
        var rest = text.AsSpan(m.Index + m.Length).TrimStart();
        return rest.Length > 0 && rest[0] == '(';
    }

    [GeneratedRegex("\\{\\s*__name__\\s*=~\\s*\"([^\"]+)\"[^}]*\\}")]
    private static partial Regex NameSelector();

    [GeneratedRegex("\\{[^}]*\\}")]
    private static partial Regex LabelMatchers();

    [GeneratedRegex("\"[^\"]*\"")]
    private static partial Regex StringLiterals();

    [GeneratedRegex("\\[[^\\]]*\\]")]
    private static partial Regex Ranges();

    [GeneratedRegex("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)")]
    private static partial Regex Grouping();

    [GeneratedRegex("(?<![0-9.])\\b[a-zA-Z_:][a-zA-Z0-9_:]*")]
    private static partial Regex Identifier();
}
