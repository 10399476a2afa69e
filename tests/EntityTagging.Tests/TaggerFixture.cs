using MediaMonitor.EntityTagging.Recognition;

namespace MediaMonitor.EntityTagging.Tests;

/// <summary>The shipped gazetteer, loaded once for all tests of the assembly.</summary>
public static class TaggerFixture
{
    private static readonly Lazy<Gazetteer> LazyGazetteer = new(() => Gazetteer.Load(GazetteerFiles.DefaultDirectory));

    public static Gazetteer Gazetteer => LazyGazetteer.Value;

    private static readonly Lazy<ArticleTagger> LazyServiceTagger = new(() => TaggerComposition.Create(GazetteerFiles.DefaultDirectory, Gazetteer));

    public static ArticleTagger RuleTagger() => new(new RuleRecognizer(Gazetteer), new EntityLinker(), Gazetteer);

    /// <summary>Every <paramref name="every"/>-th article file of the shared BBC corpus, in name order (skips without shared data).</summary>
    public static List<string> BbcArticleFiles(int every) =>
        Directory.EnumerateDirectories(SharedData.PathTo("news-corpus-bbc-greene"))
            .SelectMany(d => Directory.EnumerateFiles(d, "*.txt", SearchOption.AllDirectories))
            .Order(StringComparer.Ordinal)
            .Where((_, k) => k % every == 0)
            .ToList();

    /// <summary>The tagger the service runs: the trained model with the rules as fallback.</summary>
    public static ArticleTagger ServiceTagger => LazyServiceTagger.Value;
}
