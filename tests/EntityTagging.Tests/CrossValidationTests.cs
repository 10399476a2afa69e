namespace MediaMonitor.EntityTagging.Tests;

public sealed class CrossValidationTests
{
    private static List<LabelledSentence> Documents(params int[] sentencesPerDocument)
    {
        var sentences = new List<LabelledSentence>();
        for (var d = 0; d < sentencesPerDocument.Length; d++)
        {
            for (var s = 0; s < sentencesPerDocument[d]; s++)
            {
                sentences.Add(new LabelledSentence(["Anna", "Novak", "spoke", "."], ["B-PER", "I-PER", "O", "O"], d));
            }
        }

        return sentences;
    }

    [Fact]
    public void Folds_are_runs_of_whole_consecutive_documents_that_cover_every_sentence_once()
    {
        var sentences = Documents(3, 1, 4, 2, 2, 5, 1, 2, 3, 1);

        var folds = NerCrossValidation.Folds(sentences, 3);

        Assert.Equal(3, folds.Count);
        Assert.All(folds, f => Assert.NotEmpty(f));
        Assert.Equal(Enumerable.Range(0, sentences.Count), folds.SelectMany(f => f).Order());
        var documentsPerFold = folds.Select(f => f.Select(i => sentences[i].Document).Distinct().ToList()).ToList();
        Assert.Empty(documentsPerFold[0].Intersect(documentsPerFold[1]).Concat(documentsPerFold[1].Intersect(documentsPerFold[2])));
        for (var f = 0; f + 1 < folds.Count; f++)
        {
            Assert.True(documentsPerFold[f].Max() < documentsPerFold[f + 1].Min(), "folds are consecutive runs of documents");
        }

        Assert.All(folds, f => Assert.InRange(f.Count, 6, 11)); // 24 sentences in thirds, cut at document boundaries
    }

    [Fact]
    public void Every_fold_gets_a_document_even_when_one_document_holds_most_of_the_text()
    {
        var folds = NerCrossValidation.Folds(Documents(40, 1, 1), 3);

        Assert.All(folds, f => Assert.NotEmpty(f));
    }

    [Fact]
    public void First_names_of_a_fold_come_only_from_its_training_sentences()
    {
        var training = new List<LabelledSentence>
        {
            new(["Zorbatrix", "Novak", "spoke", "."], ["B-PER", "I-PER", "O", "O"], 0),
            new(["Quillon", "won", "."], ["B-PER", "O", "O"], 0),
        };

        var names = WordListBuilder.FirstNamesOf(training, TaggerFixture.Gazetteer);

        Assert.Equal("Zorbatrix", Assert.Single(names)); // a one-word PER span gives no first name, and nothing else is added
    }

    [Fact]
    public void Cross_validation_scores_every_held_out_sentence_once_with_learning_curves_per_epoch()
    {
        var sentences = new List<LabelledSentence>();
        string[] names = ["Anna", "Boris", "Clara", "Dmitri", "Elena", "Fyodor"];
        string[] cities = ["Tashkent", "Bishkek", "Dushanbe", "Baku"];
        var doc = 0;
        foreach (var name in names)
        {
            foreach (var city in cities)
            {
                sentences.Add(new LabelledSentence(["Yesterday", name, "Novak", "flew", "to", city, "."], ["O", "B-PER", "I-PER", "O", "O", "B-LOC", "O"], doc));
                sentences.Add(new LabelledSentence(["In", city, ",", name, "spoke", "."], ["O", "B-LOC", "O", "B-PER", "O", "O"], doc++));
            }
        }

        var options = new NerTrainingOptions { Epochs = 3, Seed = 5, Version = "test-cv" };
        var result = NerCrossValidation.Run(sentences, 3, options,
            training => new FeatureExtractor(TaggerFixture.Gazetteer, null, WordListBuilder.FirstNamesOf(training, TaggerFixture.Gazetteer)), _ => { });

        Assert.Equal(sentences.Count, result.Pooled.Sentences);
        Assert.Equal(3, result.FoldF1.Count);
        Assert.Equal(3, result.Curves.Stage1.Length);
        Assert.All(result.Curves.Stage2, s => Assert.Equal(sentences.Count, s.Sentences));
        Assert.True(result.Pooled.Of().F1 > 0.5, $"pooled f1 {result.Pooled.Of().F1}");
    }

    [Fact]
    public void The_second_stage_pools_a_words_labels_over_its_spellings_in_another_case_only_when_asked()
    {
        IReadOnlyList<string> headline = ["CHINA", "WINS", "."];
        IReadOnlyList<string> body = ["China", "won", "in", "Beijing", "."];
        var labels = new[] { new int[3], new[] { Bilou.Label('U', 2), 0, 0, Bilou.Label('U', 2), 0 } };
        var history = PredictionHistory.Build([headline, body], labels);
        var features = new FeatureExtractor(TaggerFixture.Gazetteer, null).Extract(headline);

        var plain = history.Augment(features, headline, labels[0], caseFolded: false);
        var folded = history.Augment(features, headline, labels[0], caseFolded: true);

        var locFromOtherSpelling = FeatureHash.Of(77, "LOC");
        Assert.DoesNotContain(locFromOtherSpelling, plain.Hashes);
        Assert.Contains(locFromOtherSpelling, folded.Hashes.GetRange(folded.Offsets[0], folded.Offsets[1] - folded.Offsets[0]));
    }
}
