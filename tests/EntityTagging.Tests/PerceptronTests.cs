namespace MediaMonitor.EntityTagging.Tests;

public sealed class PerceptronTests
{
    private static readonly string[] Names = ["Anna", "Boris", "Clara", "Dmitri", "Elena", "Fyodor"];
    private static readonly string[] Cities = ["Tashkent", "Bishkek", "Dushanbe", "Baku"];

    private static List<LabelledSentence> Corpus()
    {
        var sentences = new List<LabelledSentence>();
        var doc = 0;
        foreach (var name in Names)
        {
            foreach (var city in Cities)
            {
                sentences.Add(new LabelledSentence(["Yesterday", name, "Novak", "flew", "to", city, "."],
                    ["O", "B-PER", "I-PER", "O", "O", "B-LOC", "O"], doc++));
                sentences.Add(new LabelledSentence(["In", city, ",", name, "spoke", "."], ["O", "B-LOC", "O", "B-PER", "O", "O"], doc++));
            }
        }

        return sentences;
    }

    [Fact]
    public void A_trained_model_tags_unseen_combinations_and_survives_saving_and_loading()
    {
        var extractor = new FeatureExtractor(TaggerFixture.Gazetteer, null);
        var corpus = Corpus();
        var model = new NerTrainer(extractor, _ => { }).Train(corpus, new NerTrainingOptions { Epochs = 4, Seed = 7, Stacked = false, Version = "test-1" });
        IReadOnlyList<string> unseen = ["Yesterday", "Clara", "Novak", "flew", "to", "Baku", "."];

        var spans = Bilou.ToSpans(model.Decode(extractor, [unseen])[0]);
        Assert.Equal([new Span(1, 2, "PER"), new Span(5, 1, "LOC")], spans);

        var file = Path.Combine(Path.GetTempPath(), $"ner-{Guid.NewGuid():N}.bin.gz");
        try
        {
            model.Save(file);
            var loaded = NerModel.Load(file);
            Assert.Equal("test-1", loaded.Version);
            Assert.Equal(spans, Bilou.ToSpans(loaded.Decode(extractor, [unseen])[0]));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Training_is_reproducible_for_a_fixed_seed()
    {
        var extractor = new FeatureExtractor(TaggerFixture.Gazetteer, null);
        var corpus = Corpus();
        NerModel Train() => new NerTrainer(extractor, _ => { }).Train(corpus,
            new NerTrainingOptions { Epochs = 3, Seed = 11, Stacked = true, CaseFoldedHistory = true, Version = "test-1" });
        var (a, b) = (Train(), Train());
        Assert.Equal(a.First.Weights, b.First.Weights);
        Assert.Equal(a.Second!.Weights, b.Second!.Weights);
    }
}
