using MediaMonitor.EntityTagging.Gazetteers;
using MediaMonitor.EntityTagging.Linking;
using MediaMonitor.EntityTagging.Model;
using MediaMonitor.EntityTagging.Recognition;

namespace MediaMonitor.EntityTagging;

/// <summary>Builds the tagger from a data folder: the trained model with rules as fallback, or rules alone without a model.</summary>
public static class TaggerComposition
{
    public static ArticleTagger Create(string dataDirectory) => Create(dataDirectory, Gazetteer.Load(dataDirectory));

    public static ArticleTagger Create(string dataDirectory, Gazetteer gazetteer)
    {
        var rules = new RuleRecognizer(gazetteer);
        return new ArticleTagger(Recognizer(dataDirectory, gazetteer) is { } model ? new HybridRecognizer(model, rules, gazetteer) : rules, new EntityLinker(),
            gazetteer);
    }

    /// <summary>The trained recogniser, or null when the data folder has no model file.</summary>
    public static StatisticalRecognizer? Recognizer(string dataDirectory, Gazetteer gazetteer)
    {
        var modelFile = Path.Combine(dataDirectory, GazetteerFiles.NerModel);
        if (!File.Exists(modelFile))
        {
            return null;
        }

        var clusters = WordClusters.LoadIfPresent(Path.Combine(dataDirectory, GazetteerFiles.WordClusters));
        return new StatisticalRecognizer(NerModel.Load(modelFile), new FeatureExtractor(gazetteer, clusters), gazetteer);
    }
}
