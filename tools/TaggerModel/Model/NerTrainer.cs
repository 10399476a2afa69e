namespace MediaMonitor.EntityTagging.Model;

/// <summary>
/// How the tagger is trained. The defaults are the configuration chosen by cross-validation on the CoNLL-2003 training
/// set (`eval.sh ner-cv`, docs/config/EntityTagging.md); no evaluation set picks an epoch or a feature.
/// </summary>
public sealed record NerTrainingOptions
{
    public int Epochs { get; init; } = 8;

    /// <summary>Features seen fewer times than this in the training data get no weight (a cut-off against memorising).</summary>
    public int MinCount { get; init; } = 1;

    /// <summary>Whether a second stage sees the first stage's labels across the document.</summary>
    public bool Stacked { get; init; } = true;

    /// <summary>Whether the second stage also pools a word's labels over its spellings in another case ("CHINA", "China").</summary>
    public bool CaseFoldedHistory { get; init; }

    public int Seed { get; init; } = 20261129;

    /// <summary>Whether stage two also sees stage-one labels two tokens away and per capitalised run across the document.</summary>
    public bool WideHistory { get; init; }

    /// <summary>Loss-augmented training: wrong labels get this head start while training (0: the plain perceptron).</summary>
    public float Margin { get; init; }

    /// <summary>Share of a sentence's features hidden at each training step (0: none); 0.2 chosen by cross-validation (perceptron-2stage-7).</summary>
    public double Dropout { get; init; } = 0.2;

    /// <summary>Perceptrons per stage trained on different shuffles, their weights averaged (1: one).</summary>
    public int Ensemble { get; init; } = 3;

    public PerceptronSettings Settings(int seed) => new(Epochs, seed, MinCount, Margin, Dropout, Ensemble);

    public string Version { get; init; } = "perceptron-2stage-7";
}

/// <summary>Scores, one per epoch, of each stage on held-out sentences while training (learning curves; nothing is chosen on them).</summary>
public sealed record NerLearningCurves(NerScore[] Stage1, NerScore[] Stage2);

/// <summary>
/// Trains the two-stage <see cref="NerModel"/>: stage one on all training documents; stage two on features that include
/// stage-one labels, which for the training documents come from two stage-one models each trained on the other half
/// (jackknifing), so stage two learns how far to trust labels it has not seen being fitted. A fixed number of epochs
/// per stage (<see cref="NerTrainingOptions"/>).
/// </summary>
public sealed class NerTrainer(FeatureExtractor extractor, Action<string> log)
{
    public NerModel Train(IReadOnlyList<LabelledSentence> train, NerTrainingOptions options) => Train(train, options, null, out _);

    /// <summary>Trains, and when <paramref name="heldOut"/> is given scores each epoch of both stages on it (it never influences the model).</summary>
    public NerModel Train(IReadOnlyList<LabelledSentence> train, NerTrainingOptions options, IReadOnlyList<LabelledSentence>? heldOut,
        out NerLearningCurves curves)
    {
        var trainer = new PerceptronTrainer(log);
        var trainFeatures = PerceptronTrainer.ExtractAll(extractor, train);
        var gold = train.Select(s => TrainingLabels.FromSpans(TrainingLabels.SpansFromIob(s.Tags), s.Words.Count)).ToList();
        var heldOutFeatures = heldOut is null ? null : PerceptronTrainer.ExtractAll(extractor, heldOut);
        var heldOutGold = heldOut?.Select(s => TrainingLabels.SpansFromIob(s.Tags)).ToList();
        curves = new NerLearningCurves(new NerScore[options.Epochs], new NerScore[options.Epochs]);
        var stage1Curve = curves.Stage1;
        var first = trainer.Train(trainFeatures, gold, options.Settings(options.Seed), options.Version + "/stage1",
            heldOutFeatures is null ? null : (epoch, m) => stage1Curve[epoch - 1] = Score(m, heldOutFeatures, heldOutGold!));
        if (!options.Stacked)
        {
            return new NerModel(first, null, options.Version);
        }

        var jackknifed = new int[train.Count][];
        foreach (var fold in new[] { 0, 1 })
        {
            var fit = Enumerable.Range(0, train.Count).Where(i => train[i].Document % 2 != fold).ToList();
            var model = trainer.Train(fit.ConvertAll(i => trainFeatures[i]), fit.ConvertAll(i => gold[i]), options.Settings(options.Seed + fold + 1),
                options.Version + "/fold" + fold);
            for (var i = 0; i < train.Count; i++)
            {
                if (train[i].Document % 2 == fold)
                {
                    jackknifed[i] = model.Decode(trainFeatures[i]);
                }
            }
        }

        var secondTrain = Augment(train, trainFeatures, jackknifed, options);
        var secondHeldOut = heldOut is null ? null : Augment(heldOut, heldOutFeatures!, heldOutFeatures!.Select(first.Decode).ToArray(), options);
        var stage2Curve = curves.Stage2;
        var second = trainer.Train(secondTrain, gold, options.Settings(options.Seed), options.Version + "/stage2",
            secondHeldOut is null ? null : (epoch, m) => stage2Curve[epoch - 1] = Score(m, secondHeldOut, heldOutGold!));
        return new NerModel(first, second, options.Version);
    }

    private static NerScore Score(PerceptronModel model, List<SentenceFeatures> features, List<List<Span>> gold)
    {
        var score = new NerScore();
        for (var s = 0; s < features.Count; s++)
        {
            score.Add(gold[s], Bilou.ToSpans(model.Decode(features[s])));
        }

        return score;
    }

    private static List<SentenceFeatures> Augment(IReadOnlyList<LabelledSentence> sentences, List<SentenceFeatures> features, int[][] labels,
        NerTrainingOptions options)
    {
        var result = new SentenceFeatures[sentences.Count];
        foreach (var document in Enumerable.Range(0, sentences.Count).GroupBy(i => sentences[i].Document))
        {
            var members = document.ToList();
            var history = PredictionHistory.Build(members.ConvertAll(i => sentences[i].Words), members.ConvertAll(i => labels[i]));
            foreach (var i in members)
            {
                result[i] = history.Augment(features[i], sentences[i].Words, labels[i], options.CaseFoldedHistory, options.WideHistory);
            }
        }

        return [.. result];
    }
}
