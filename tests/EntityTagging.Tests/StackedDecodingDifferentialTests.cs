using MediaMonitor.EntityTagging.Recognition;

namespace MediaMonitor.EntityTagging.Tests;

/// <summary>
/// The shipped model decodes both stages from one feature table, the second stage carrying on from the sums of the
/// features it shares with the first; its labels must be exactly those of decoding stage by stage, each stage looking
/// up every feature it sees (how it decoded before, and how a model fresh from training still does).
/// </summary>
public sealed class StackedDecodingDifferentialTests
{
    private static readonly Lazy<(NerModel Model, FeatureExtractor Extractor)> Shipped = new(() =>
    (
        NerModel.Load(Path.Combine(GazetteerFiles.DefaultDirectory, GazetteerFiles.NerModel)),
        new FeatureExtractor(TaggerFixture.Gazetteer, WordClusters.LoadIfPresent(Path.Combine(GazetteerFiles.DefaultDirectory, GazetteerFiles.WordClusters)))
    ));

    [Fact]
    public void The_shipped_model_reads_both_stages_into_one_table()
    {
        var model = Shipped.Value.Model;
        Assert.NotNull(model.Second);
        Assert.Same(model.First.Rows, model.Second.Rows);
    }

    [Fact]
    public void A_written_document_decodes_as_stage_by_stage()
    {
        AssertDecodesAlike(
            "WASHINGTON, March 3 (Reuters) - Secretary of State Antony Blinken met NATO's Jens Stoltenberg in Brussels on Tuesday.\n" +
            "MOSCOW WARNS KIEV OVER GRAIN DEAL\n" +
            "Blinken told reporters the Alliance would meet again in Vilnius. Stoltenberg said nothing.\n" +
            "Manchester United beat Real Madrid 2-1 at Old Trafford; Ronaldo scored twice for United.\n" +
            "\"We are not there yet,\" said Ursula von der Leyen, president of the European Commission.");
    }

    [SkippableFact]
    public void SharedData_bbc_articles_decode_as_stage_by_stage()
    {
        var articles = TaggerFixture.BbcArticleFiles(every: 4);
        Assert.True(articles.Count > 500, $"only {articles.Count} articles");
        foreach (var article in articles)
        {
            AssertDecodesAlike(File.ReadAllText(article));
        }
    }

    private static void AssertDecodesAlike(string text)
    {
        var (model, extractor) = Shipped.Value;
        var document = NerTokenizer.Sentences(text).Select(s => (IReadOnlyList<string>)s.Select(t => t.Text).ToList()).ToList();

        var expected = model.DecodeByStage(extractor, document);
        var actual = model.Decode(extractor, document);

        Assert.Equal(expected.Count, actual.Count);
        for (var s = 0; s < expected.Count; s++)
        {
            Assert.True(expected[s].SequenceEqual(actual[s]),
                $"sentence {s} ({string.Join(' ', document[s])}): by stage {string.Join(',', expected[s])}, shared table {string.Join(',', actual[s])}");
        }
    }
}
