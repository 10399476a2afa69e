using System.Diagnostics;
using System.Globalization;
using MediaMonitor.EntityTagging.Gazetteers;
using MediaMonitor.EntityTagging.Model;
using MediaMonitor.EntityTagging.Recognition;
using MediaMonitor.TestSupport;

namespace MediaMonitor.Measurements;

/// <summary>
/// eval ner-cv [--folds K] [--epochs N] [--min-count N] [--single-stage] [--case-folded-history] [--margin M] [--dropout P]
/// [--ensemble N] [--no-name-runs] [--wide-clusters] [--table-lines] [--wide-history] [--no-conll-first-names]
/// [--train FILE] [--check FILE ...]: K-fold cross-validation of the tagger's training configuration on the CoNLL training
/// set (default ../shared/data/ner-conll2003-dev/eng.train), folds of consecutive documents, the first-name list derived
/// from the training folds only. Prints the pooled learning curves (held-out F1 per epoch and stage, to choose the epoch
/// count), then, for each --check file, the F1 of a model trained on the whole training file with the same options (testa
/// as a final check, never as a chooser), and ends with
/// `ner-cv: folds=K documents=N sentences=N precision= recall= f1= fold_f1=a,b,... seconds=N`.
/// </summary>
public sealed class NerCrossValidationEval : IMeasurement
{
    public string Verb => "eval";

    public string Kind => "ner-cv";

    public Task<int> RunAsync(string[] args)
    {
        var options = new NerTrainingOptions();
        var folds = 5;
        var conllFirstNames = true;
        var nameRuns = true;
        var wideClusters = false;
        var tableLines = false;
        var checks = new List<string>();
        string? train = null;
        for (var a = 0; a < args.Length; a++)
        {
            string Next() => a + 1 < args.Length ? args[++a] : throw new ArgumentException($"{args[a]} needs a value");
            switch (args[a])
            {
                case "--folds": folds = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--epochs": options = options with { Epochs = int.Parse(Next(), CultureInfo.InvariantCulture) }; break;
                case "--min-count": options = options with { MinCount = int.Parse(Next(), CultureInfo.InvariantCulture) }; break;
                case "--single-stage": options = options with { Stacked = false }; break;
                case "--case-folded-history": options = options with { CaseFoldedHistory = true }; break;
                case "--no-case-folded-history": options = options with { CaseFoldedHistory = false }; break;
                case "--margin": options = options with { Margin = float.Parse(Next(), CultureInfo.InvariantCulture) }; break;
                case "--dropout": options = options with { Dropout = double.Parse(Next(), CultureInfo.InvariantCulture) }; break;
                case "--ensemble": options = options with { Ensemble = int.Parse(Next(), CultureInfo.InvariantCulture) }; break;
                case "--no-name-runs": nameRuns = false; break;
                case "--wide-clusters": wideClusters = true; break;
                case "--table-lines": tableLines = true; break;
                case "--wide-history": options = options with { WideHistory = true }; break;
                case "--no-conll-first-names": conllFirstNames = false; break;
                case "--train": train = Next(); break;
                case "--check": checks.Add(Next()); break;
                default:
                    Console.Error.WriteLine($"eval ner-cv: unknown argument {args[a]}");
                    Console.Error.WriteLine("usage: eval.sh ner-cv [--folds K] [--epochs N] [--min-count N] [--single-stage] [--case-folded-history] " +
                        "[--margin M] [--dropout P] [--ensemble N] [--no-name-runs] [--wide-clusters] [--table-lines] [--wide-history] [--no-conll-first-names] [--train FILE] [--check FILE ...]");
                    return Task.FromResult(2);
            }
        }

        train ??= SharedData.Root is { } root ? Path.Combine(root, "ner-conll2003-dev", "eng.train") : null;
        if (train is null || !File.Exists(train))
        {
            Console.Error.WriteLine($"eval ner-cv: training file {train ?? "(none)"} not found; {SharedData.SkipReason}");
            return Task.FromResult(2);
        }

        if (checks.FirstOrDefault(c => !File.Exists(c)) is { } missing)
        {
            Console.Error.WriteLine($"eval ner-cv: check file {missing} not found");
            return Task.FromResult(2);
        }

        var clock = Stopwatch.StartNew();
        var directory = GazetteerFiles.DefaultDirectory;
        var gazetteer = Gazetteer.Load(directory);
        var clusters = WordClusters.LoadIfPresent(Path.Combine(directory, GazetteerFiles.WordClusters));
        FeatureExtractor ExtractorFor(IReadOnlyList<LabelledSentence> training) =>
            new(gazetteer, clusters, conllFirstNames ? WordListBuilder.FirstNamesOf(training, gazetteer) : new HashSet<string>())
            {
                NameRunFeatures = nameRuns,
                WideClusterFeatures = wideClusters,
                TableLineFeatures = tableLines,
            };

        var sentences = Read(train);
        var documents = sentences.Select(s => s.Document).Distinct().Count();
        Console.WriteLine(F($"ner-cv: training file {train}: documents={documents} sentences={sentences.Count} folds={folds} {options} conll_first_names={conllFirstNames} name_runs={nameRuns} wide_clusters={wideClusters} table_lines={tableLines}"));
        var result = NerCrossValidation.Run(sentences, folds, options, ExtractorFor, PrintFoldLines);
        for (var e = 0; e < options.Epochs; e++)
        {
            var stage2 = options.Stacked ? F($" stage2 f1={result.Curves.Stage2[e].Of().F1:0.0000}") : "";
            Console.WriteLine(F($"epoch {e + 1}: stage1 f1={result.Curves.Stage1[e].Of().F1:0.0000}{stage2}"));
        }

        foreach (var type in result.Pooled.Types)
        {
            var (tp, tr, tf) = result.Pooled.Of(type);
            Console.WriteLine(F($"{type,-5} precision={tp:0.000} recall={tr:0.000} f1={tf:0.000}"));
        }

        foreach (var check in checks)
        {
            // A model trained on the whole training file with the same options, scored once on the check file.
            var model = new NerTrainer(ExtractorFor(sentences), _ => { }).Train(sentences, options, Read(check), out var curves);
            var score = (options.Stacked ? curves.Stage2 : curves.Stage1)[^1];
            var (cp, cr, cf) = score.Of();
            Console.WriteLine(F($"ner-cv-check: file={check} sentences={score.Sentences} precision={cp:0.000} recall={cr:0.000} f1={cf:0.000} model={model.Version} features={model.FeatureCount}"));
        }

        var (p, r, f1) = result.Pooled.Of();
        var perFold = string.Join(",", result.FoldF1.Select(x => x.ToString("0.000", CultureInfo.InvariantCulture)));
        Console.WriteLine(F($"ner-cv: folds={folds} documents={documents} sentences={sentences.Count} precision={p:0.000} recall={r:0.000} f1={f1:0.000} fold_f1={perFold} seconds={clock.Elapsed.TotalSeconds:0}"));
        return Task.FromResult(0);
    }

    private static void PrintFoldLines(string line)
    {
        if (line.StartsWith("cv ", StringComparison.Ordinal))
        {
            Console.WriteLine(line);
        }
    }

    private static List<LabelledSentence> Read(string file) =>
        ConllReader.ReadDocuments(file)
            .SelectMany((d, i) => d.Select(s => new LabelledSentence(s.ConvertAll(t => t.Word), s.ConvertAll(t => t.Tag), i))).ToList();

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
