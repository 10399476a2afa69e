namespace MediaMonitor.EntityTagging.Model;

/// <summary>The pooled held-out score of every fold, each fold's F1, and pooled learning curves per epoch and stage.</summary>
public sealed record NerCrossValidationResult(NerScore Pooled, IReadOnlyList<double> FoldF1, NerLearningCurves Curves);

/// <summary>
/// K-fold cross-validation of the tagger on labelled documents: each fold is a run of consecutive documents (neighbouring
/// CoNLL documents share days and stories, so a random split would leak them), the model is trained on the other folds
/// with the given options and scored on the fold. Anything derived from labels (the first-name list) comes from the
/// training folds only, through <c>extractorFor</c>. This is how features and hyperparameters are chosen; a
/// development set such as eng.testa is only a final check.
/// </summary>
public static class NerCrossValidation
{
    /// <summary>Sentence indexes of each fold: consecutive documents, cut where the running token count passes k/K of the total.</summary>
    public static List<List<int>> Folds(IReadOnlyList<LabelledSentence> sentences, int k)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 2);
        var documents = Enumerable.Range(0, sentences.Count).GroupBy(i => sentences[i].Document).Select(g => g.ToList()).ToList();
        if (documents.Count < k)
        {
            throw new ArgumentException($"{documents.Count} documents cannot make {k} folds", nameof(sentences));
        }

        var total = sentences.Sum(s => s.Words.Count);
        var folds = Enumerable.Range(0, k).Select(_ => new List<int>()).ToList();
        var seen = 0L;
        var previous = 0;
        for (var d = 0; d < documents.Count; d++)
        {
            // Skip no fold, and leave at least one document for every later fold.
            var fold = (int)Math.Min(seen * k / Math.Max(1, total), Math.Min(k - 1, previous + 1));
            fold = Math.Max(fold, k - (documents.Count - d));
            previous = fold;
            folds[fold].AddRange(documents[d]);
            seen += documents[d].Sum(i => sentences[i].Words.Count);
        }

        return folds;
    }

    public static NerCrossValidationResult Run(IReadOnlyList<LabelledSentence> sentences, int k, NerTrainingOptions options,
        Func<IReadOnlyList<LabelledSentence>, FeatureExtractor> extractorFor, Action<string> log)
    {
        var folds = Folds(sentences, k);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var pooled = new NerScore();
        var foldF1 = new List<double>();
        var curves = new NerLearningCurves(NewScores(options.Epochs), NewScores(options.Epochs));
        for (var f = 0; f < k; f++)
        {
            var heldOutSet = folds[f].ToHashSet();
            var train = Enumerable.Range(0, sentences.Count).Where(i => !heldOutSet.Contains(i)).Select(i => sentences[i]).ToList();
            var heldOut = folds[f].ConvertAll(i => sentences[i]);
            var trainer = new NerTrainer(extractorFor(train), log);
            trainer.Train(train, options with { Seed = options.Seed + (f * 10) }, heldOut, out var foldCurves);
            var final = (options.Stacked ? foldCurves.Stage2 : foldCurves.Stage1)[^1];
            pooled.Merge(final);
            foldF1.Add(final.Of().F1);
            for (var e = 0; e < options.Epochs; e++)
            {
                curves.Stage1[e].Merge(foldCurves.Stage1[e]);
                if (options.Stacked)
                {
                    curves.Stage2[e].Merge(foldCurves.Stage2[e]);
                }
            }

            log($"cv fold {f + 1}/{k}: documents={heldOut.Select(s => s.Document).Distinct().Count()} sentences={heldOut.Count} f1={foldF1[^1]:0.0000} seconds={clock.Elapsed.TotalSeconds:0}");
        }

        return new NerCrossValidationResult(pooled, foldF1, curves);
    }

    private static NerScore[] NewScores(int n) => Enumerable.Range(0, n).Select(_ => new NerScore()).ToArray();
}
