namespace MediaMonitor.EntityTagging.Model;

/// <summary>
/// Trains the two-stage <see cref="NerModel"/>: stage one on all training documents; stage two on features that include
/// stage-one labels, which for the training documents come from two stage-one models each trained on the other half
/// (jackknifing), so stage two learns how far to trust labels it has not seen being fitted. Best epochs by dev F1.
/// </summary>
public sealed class NerTrainer(FeatureExtractor extractor, Action<string> log)
{
    public NerModel Train(IReadOnlyList<LabelledSentence> train, IReadOnlyList<LabelledSentence> dev, int epochs, int seed, int minCount,
        bool stacked, string version)
    {
        var trainer = new PerceptronTrainer(log);
        var trainFeatures = PerceptronTrainer.ExtractAll(extractor, train);
        var devFeatures = PerceptronTrainer.ExtractAll(extractor, dev);
        var gold = train.Select(s => Bilou.FromSpans(Bilou.SpansFromIob(s.Tags), s.Words.Count)).ToList();
        var devGold = dev.Select(s => Bilou.SpansFromIob(s.Tags)).ToList();
        var first = trainer.Train(trainFeatures, gold, devFeatures, devGold, epochs, seed, minCount, version + "/stage1");
        if (!stacked)
        {
            return new NerModel(first, null, version);
        }

        var jackknifed = new int[train.Count][];
        foreach (var fold in new[] { 0, 1 })
        {
            var fit = Enumerable.Range(0, train.Count).Where(i => train[i].Document % 2 != fold).ToList();
            var model = trainer.Train(fit.ConvertAll(i => trainFeatures[i]), fit.ConvertAll(i => gold[i]), devFeatures, devGold,
                epochs, seed + fold + 1, minCount, version + "/fold" + fold);
            for (var i = 0; i < train.Count; i++)
            {
                if (train[i].Document % 2 == fold)
                {
                    jackknifed[i] = model.Decode(trainFeatures[i]);
                }
            }
        }

        var devLabels = devFeatures.Select(first.Decode).ToArray();
        var secondTrain = Augment(train, trainFeatures, jackknifed);
        var secondDev = Augment(dev, devFeatures, devLabels);
        var second = trainer.Train(secondTrain, gold, secondDev, devGold, epochs, seed, minCount, version + "/stage2");
        return new NerModel(first, second, version);
    }

    private static List<SentenceFeatures> Augment(IReadOnlyList<LabelledSentence> sentences, List<SentenceFeatures> features, int[][] labels)
    {
        var result = new SentenceFeatures[sentences.Count];
        foreach (var document in Enumerable.Range(0, sentences.Count).GroupBy(i => sentences[i].Document))
        {
            var members = document.ToList();
            var history = PredictionHistory.Build(members.ConvertAll(i => sentences[i].Words), members.ConvertAll(i => labels[i]));
            foreach (var i in members)
            {
                result[i] = history.Augment(features[i], sentences[i].Words, labels[i]);
            }
        }

        return [.. result];
    }
}
