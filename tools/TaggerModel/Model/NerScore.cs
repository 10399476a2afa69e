namespace MediaMonitor.EntityTagging.Model;

/// <summary>Entity-level precision, recall and F1 by the conlleval rules: a prediction counts only with exact span and type.</summary>
public sealed class NerScore
{
    private readonly Dictionary<string, (int Gold, int Predicted, int Correct)> _byType = new(StringComparer.Ordinal);

    public int Sentences { get; private set; }

    public void Add(IReadOnlyList<Span> gold, IReadOnlyList<Span> predicted)
    {
        Sentences++;
        var goldSet = gold.ToHashSet();
        foreach (var span in gold)
        {
            Bump(span.Type, 1, 0, 0);
        }

        foreach (var span in predicted)
        {
            Bump(span.Type, 0, 1, goldSet.Contains(span) ? 1 : 0);
        }
    }

    /// <summary>Adds another score's counts (pooling the folds of a cross-validation).</summary>
    public void Merge(NerScore other)
    {
        Sentences += other.Sentences;
        foreach (var (type, c) in other._byType)
        {
            Bump(type, c.Gold, c.Predicted, c.Correct);
        }
    }

    public IEnumerable<string> Types => _byType.Keys.Order(StringComparer.Ordinal);

    public (double Precision, double Recall, double F1) Of(string? type = null)
    {
        var (gold, predicted, correct) = type is null
            ? _byType.Values.Aggregate((0, 0, 0), (a, v) => (a.Item1 + v.Gold, a.Item2 + v.Predicted, a.Item3 + v.Correct))
            : _byType.GetValueOrDefault(type);
        var p = predicted == 0 ? 0 : (double)correct / predicted;
        var r = gold == 0 ? 0 : (double)correct / gold;
        return (p, r, p + r == 0 ? 0 : 2 * p * r / (p + r));
    }

    private void Bump(string type, int gold, int predicted, int correct)
    {
        var c = _byType.GetValueOrDefault(type);
        _byType[type] = (c.Gold + gold, c.Predicted + predicted, c.Correct + correct);
    }
}
