using MediaMonitor.Contracts.EntityTagging;

namespace MediaMonitor.EntityTagging.Model;

/// <summary>An entity span over token positions [Start, Start + Length) with a CoNLL type (PER, ORG, LOC, MISC).</summary>
public readonly record struct Span(int Start, int Length, string Type)
{
    public int End => Start + Length;
}

/// <summary>
/// The BILOU label set the sequence tagger predicts (Begin, Inside, Last, Outside, Unit per type), which transitions are
/// legal, and the spans a label sequence decodes to (the corpus conversions the trainer needs are TrainingLabels, tools/TaggerModel).
/// </summary>
public static class Bilou
{
    public static readonly string[] Types = ["PER", "ORG", "LOC", "MISC"];

    /// <summary>Label 0 is O; then B, I, L, U for each type in <see cref="Types"/> order.</summary>
    public static readonly string[] Labels = ["O", .. Types.SelectMany(t => new[] { "B-" + t, "I-" + t, "L-" + t, "U-" + t })];

    public static int Count => Labels.Length;

    public static char Prefix(int label) => label == 0 ? 'O' : Labels[label][0];

    public static int TypeOf(int label) => label == 0 ? -1 : (label - 1) / 4;

    public static int Label(char prefix, int type) => 1 + (type * 4) + prefix switch { 'B' => 0, 'I' => 1, 'L' => 2, _ => 3 };

    private static readonly bool[] AllowedTable = BuildAllowed();

    /// <summary>Whether <paramref name="to"/> may follow <paramref name="from"/>; from = -1 is the sentence start.</summary>
    public static bool Allowed(int from, int to) => AllowedTable[((from + 1) * Labels.Length) + to];

    private static bool[] BuildAllowed()
    {
        var table = new bool[(Labels.Length + 1) * Labels.Length];
        for (var from = -1; from < Labels.Length; from++)
        {
            for (var to = 0; to < Labels.Length; to++)
            {
                table[((from + 1) * Labels.Length) + to] = ComputeAllowed(from, to);
            }
        }

        return table;
    }

    private static bool ComputeAllowed(int from, int to)
    {
        var open = from >= 0 && Prefix(from) is 'B' or 'I';
        var toPrefix = Prefix(to);
        if (open)
        {
            return toPrefix is 'I' or 'L' && TypeOf(to) == TypeOf(from);
        }

        return toPrefix is 'O' or 'B' or 'U';
    }

    /// <summary>Whether a sentence may end after <paramref name="label"/>.</summary>
    public static bool CanEnd(int label) => Prefix(label) is 'O' or 'L' or 'U';

    public static List<Span> ToSpans(IReadOnlyList<int> labels)
    {
        var spans = new List<Span>();
        var i = 0;
        while (i < labels.Count)
        {
            if (labels[i] == 0)
            {
                i++;
                continue;
            }

            var type = TypeOf(labels[i]);
            var start = i;
            if (Prefix(labels[i]) == 'B')
            {
                while (i + 1 < labels.Count && TypeOf(labels[i + 1]) == type && Prefix(labels[i + 1]) is 'I' or 'L')
                {
                    i++;
                    if (Prefix(labels[i]) == 'L')
                    {
                        break;
                    }
                }
            }

            spans.Add(new Span(start, i - start + 1, Types[type]));
            i++;
        }

        return spans;
    }

    public static EntityType EntityTypeOf(string type) => type switch
    {
        "PER" => EntityType.Person,
        "ORG" => EntityType.Organization,
        "LOC" => EntityType.Location,
        _ => EntityType.Miscellaneous,
    };
}
