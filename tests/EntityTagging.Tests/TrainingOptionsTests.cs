namespace MediaMonitor.EntityTagging.Tests;

/// <summary>The generalisation aids ner-cv screens: seed ensembles, feature dropout, name-run and wide-history features.</summary>
public sealed class TrainingOptionsTests
{
    private static readonly string[] Names = ["Anna", "Boris", "Clara", "Dmitri"];
    private static readonly string[] Cities = ["Tashkent", "Bishkek", "Dushanbe"];

    private static (List<SentenceFeatures> Features, List<int[]> Gold) Corpus()
    {
        var extractor = new FeatureExtractor(TaggerFixture.Gazetteer, null);
        var features = new List<SentenceFeatures>();
        var gold = new List<int[]>();
        foreach (var name in Names)
        {
            foreach (var city in Cities)
            {
                features.Add(extractor.Extract(["Later", name, "Novak", "went", "to", city, "."]));
                gold.Add([0, Bilou.Label('B', 0), Bilou.Label('L', 0), 0, 0, Bilou.Label('U', 2), 0]);
            }
        }

        return (features, gold);
    }

    [Fact]
    public void An_ensemble_averages_perceptrons_trained_on_different_shuffles()
    {
        var (features, gold) = Corpus();
        var trainer = new PerceptronTrainer(_ => { });
        var ensemble = trainer.Train(features, gold, new PerceptronSettings(3, 5, 1, Ensemble: 2), "e");
        var first = trainer.Train(features, gold, new PerceptronSettings(3, 5, 1), "a");
        var second = trainer.Train(features, gold, new PerceptronSettings(3, 5 + 7919, 1), "b");

        Assert.NotEqual(first.Weights, second.Weights);
        for (var k = 0; k < ensemble.Weights.Length; k++)
        {
            Assert.Equal((first.Weights[k] + second.Weights[k]) / 2, ensemble.Weights[k], 1e-4f);
        }
    }

    [Fact]
    public void Feature_dropout_changes_the_weights_reproducibly_and_still_learns_the_names()
    {
        var (features, gold) = Corpus();
        var trainer = new PerceptronTrainer(_ => { });
        PerceptronModel Train(double dropout) => trainer.Train(features, gold, new PerceptronSettings(4, 9, 1, Dropout: dropout), "d");

        var (plain, dropped, again) = (Train(0), Train(0.2), Train(0.2));
        Assert.NotEqual(plain.Weights, dropped.Weights);
        Assert.Equal(dropped.Weights, again.Weights);
        Assert.Equal(gold[0], dropped.Decode(features[0]));
    }

    [Fact]
    public void The_shipped_model_is_the_one_the_default_options_train_with_a_fifth_of_the_features_dropped()
    {
        // perceptron-2stage-7: feature dropout 0.2, chosen by 5-fold CV on eng.train (docs/config/EntityTagging.md).
        var options = new NerTrainingOptions();
        var shipped = NerModel.Load(Path.Combine(GazetteerFiles.DefaultDirectory, GazetteerFiles.NerModel));

        Assert.Equal(0.2, options.Settings(1).Dropout);
        Assert.Equal(options.Version, shipped.Version);
    }

    [Fact]
    public void Tokens_of_a_capitalised_run_get_the_runs_features_and_other_tokens_do_not()
    {
        IReadOnlyList<string> words = ["shares", "of", "Kazakh", "Copper", "Works", "rose"];
        var plain = new FeatureExtractor(TaggerFixture.Gazetteer, null) { NameRunFeatures = false }.Extract(words);
        var runs = new FeatureExtractor(TaggerFixture.Gazetteer, null).Extract(words);

        int Count(SentenceFeatures f, int i) => f.Offsets[i + 1] - f.Offsets[i];
        Assert.Equal([0, 0, 4, 4, 4, 0], Enumerable.Range(0, words.Count).Select(i => Count(runs, i) - Count(plain, i)));
        var whole = FeatureHash.Of(81, "I", "kazakh copper works");
        Assert.Contains(whole, runs.Hashes.GetRange(runs.Offsets[3], Count(runs, 3)));
    }

    [Fact]
    public void The_wide_history_carries_the_type_a_capitalised_run_got_elsewhere_in_the_document()
    {
        IReadOnlyList<string> first = ["Kazakh", "Copper", "said", "."];
        IReadOnlyList<string> second = ["Kazakh", "Copper", "rose", "."];
        var org = new[] { Bilou.Label('B', 1), Bilou.Label('L', 1), 0, 0 };
        var labels = new[] { org, org, new int[4] };
        var history = PredictionHistory.Build([first, first, second], labels);
        var features = new FeatureExtractor(TaggerFixture.Gazetteer, null).Extract(second);

        var narrow = history.Augment(features, second, labels[2], wide: false);
        var wide = history.Augment(features, second, labels[2], wide: true);

        var runWasOrg = FeatureHash.Of(84, "ORG", "O");
        Assert.DoesNotContain(runWasOrg, narrow.Hashes);
        Assert.Contains(runWasOrg, wide.Hashes.GetRange(wide.Offsets[0], wide.Offsets[1] - wide.Offsets[0]));
    }
}
