using System.Globalization;

namespace MediaMonitor.Measurements.Dedup;

/// <summary>Precision, recall and F1 over pairs of articles judged copies of each other, and the share of right verdicts.</summary>
public sealed record PairScores(int Articles, double Precision, double Recall, double F1, double Verdicts)
{
    /// <param name="predictedRoot">each article's predicted original (itself when original)</param>
    /// <param name="truthGroup">each article's group (itself when alone)</param>
    /// <param name="truthOriginal">whether each article is the earliest of its group (or alone)</param>
    public static PairScores Compute(IReadOnlyList<string> predictedRoot, IReadOnlyList<string> truthGroup, IReadOnlyList<bool> truthOriginal, IReadOnlyList<string> ids)
    {
        static long Pairs(long n) => n * (n - 1) / 2;
        var predicted = predictedRoot.GroupBy(r => r).Sum(g => Pairs(g.Count()));
        var truth = truthGroup.GroupBy(g => g).Sum(g => Pairs(g.Count()));
        var both = Enumerable.Range(0, ids.Count).GroupBy(i => (predictedRoot[i], truthGroup[i])).Sum(g => Pairs(g.Count()));
        var precision = predicted == 0 ? 1 : (double)both / predicted;
        var recall = truth == 0 ? 1 : (double)both / truth;
        var f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        var right = Enumerable.Range(0, ids.Count).Count(i => (predictedRoot[i] == ids[i]) == truthOriginal[i]);
        return new PairScores(ids.Count, precision, recall, f1, ids.Count == 0 ? 1 : (double)right / ids.Count);
    }

    /// <summary>The story-level line: pairs of articles put in one story (copies and other articles about the event).</summary>
    public string StoryLine(string label) => string.Create(CultureInfo.InvariantCulture,
        $"{label}: articles={Articles} precision={Precision:0.000} recall={Recall:0.000} f1={F1:0.000}");

    public string Line(string label) => string.Create(CultureInfo.InvariantCulture,
        $"{label}: articles={Articles} precision={Precision:0.000} recall={Recall:0.000} f1={F1:0.000} verdicts={Verdicts:0.000}");
}
