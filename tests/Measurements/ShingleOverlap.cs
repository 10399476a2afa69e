using System.Globalization;
using System.Text;

namespace MediaMonitor.Measurements;

/// <summary>
/// ScrapingHub's article-extraction-benchmark metric, written from its description: both texts are cut into word
/// tokens (runs of Unicode letters, digits and underscores, case kept), then into 4-token shingles (a text of fewer
/// tokens is one shorter shingle); per page, TP = shingles in both (counted as multisets), FP = extracted only, FN =
/// gold only, divided by their sum so that long pages weigh no more than short ones.
/// </summary>
public readonly record struct ShingleOverlap(double TruePositives, double FalsePositives, double FalseNegatives)
{
    public const int Size = 4;

    /// <summary>1 when nothing is wrong, 0 when nothing was extracted right; undefined (null) when nothing was extracted.</summary>
    public double? Precision => TruePositives + FalsePositives <= 0 ? null
        : FalsePositives == 0 && FalseNegatives == 0 ? 1 : TruePositives / (TruePositives + FalsePositives);

    /// <summary>Undefined (null) when the gold is empty.</summary>
    public double? Recall => TruePositives + FalseNegatives <= 0 ? null
        : FalsePositives == 0 && FalseNegatives == 0 ? 1 : TruePositives / (TruePositives + FalseNegatives);

    public static ShingleOverlap Of(string extracted, string gold)
    {
        var got = Shingles(extracted);
        var want = Shingles(gold);
        double tp = 0, fp = 0, fn = 0;
        foreach (var (shingle, count) in got)
        {
            var other = want.GetValueOrDefault(shingle);
            tp += Math.Min(count, other);
            fp += Math.Max(0, count - other);
        }

        foreach (var (shingle, count) in want)
        {
            fn += Math.Max(0, count - got.GetValueOrDefault(shingle));
        }

        var sum = tp + fp + fn;
        return sum == 0 ? default : new ShingleOverlap(tp / sum, fp / sum, fn / sum);
    }

    /// <summary>
    /// The corpus figures: precision is the mean over pages with any extracted shingle, recall the mean over pages with
    /// any gold shingle, F1 the harmonic mean of the two means (as the benchmark's evaluate.py reports them).
    /// </summary>
    public static (double Precision, double Recall, double F1) Corpus(IReadOnlyCollection<ShingleOverlap> pages)
    {
        var precisions = pages.Select(p => p.Precision).OfType<double>().ToList();
        var recalls = pages.Select(p => p.Recall).OfType<double>().ToList();
        var precision = precisions.Count == 0 ? 0 : precisions.Average();
        var recall = recalls.Count == 0 ? 0 : recalls.Average();
        return (precision, recall, precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall));
    }

    public static string Figures(IReadOnlyCollection<ShingleOverlap> pages)
    {
        var (precision, recall, f1) = Corpus(pages);
        return string.Create(CultureInfo.InvariantCulture, $"cases={pages.Count} precision={precision:0.000} recall={recall:0.000} f1={f1:0.000}");
    }

    /// <summary>Word tokens as Python's re.findall(r"\w+") finds them: letters (L*), numbers (N*) and '_', case kept.</summary>
    public static List<string> Tokens(string text)
    {
        var tokens = new List<string>();
        var current = new StringBuilder();
        foreach (var rune in (text ?? string.Empty).EnumerateRunes())
        {
            if (Rune.IsLetter(rune) || Rune.IsNumber(rune) || rune.Value == '_')
            {
                current.Append(rune.ToString());
            }
            else if (current.Length > 0)
            {
                tokens.Add(current.ToString());
                current.Clear();
            }
        }

        if (current.Length > 0)
        {
            tokens.Add(current.ToString());
        }

        return tokens;
    }

    private static Dictionary<string, int> Shingles(string text)
    {
        var tokens = Tokens(text).ToArray();
        var shingles = new Dictionary<string, int>(StringComparer.Ordinal);
        if (tokens.Length == 0)
        {
            return shingles;
        }

        for (var i = 0; i < Math.Max(1, tokens.Length - Size + 1); i++)
        {
            var key = string.Join('\u0001', tokens, i, Math.Min(Size, tokens.Length - i));
            shingles[key] = shingles.GetValueOrDefault(key) + 1;
        }

        return shingles;
    }
}
