using MediaMonitor.Text;

namespace MediaMonitor.Measurements;

/// <summary>Token-level precision, recall and F1 of an extracted text against a gold text (bags of tokens, multiset overlap).</summary>
public readonly record struct TokenOverlap(double Precision, double Recall, double F1)
{
    public static TokenOverlap Of(string extracted, string gold)
    {
        var got = Count(Tokenizer.Terms(extracted));
        var want = Count(Tokenizer.Terms(gold));
        var gotTotal = got.Values.Sum();
        var wantTotal = want.Values.Sum();
        if (gotTotal == 0 && wantTotal == 0)
        {
            return new TokenOverlap(1, 1, 1);
        }

        var common = got.Sum(kv => Math.Min(kv.Value, want.GetValueOrDefault(kv.Key)));
        var precision = gotTotal == 0 ? 0 : (double)common / gotTotal;
        var recall = wantTotal == 0 ? 0 : (double)common / wantTotal;
        var f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        return new TokenOverlap(precision, recall, f1);
    }

    private static Dictionary<string, int> Count(List<string> terms)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var t in terms)
        {
            counts[t] = counts.GetValueOrDefault(t) + 1;
        }

        return counts;
    }
}
