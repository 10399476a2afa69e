using System.Diagnostics;
using System.Globalization;
using MediaMonitor.EntityTagging;
using MediaMonitor.EntityTagging.Gazetteers;
using MediaMonitor.EntityTagging.Model;
using MediaMonitor.EntityTagging.Recognition;

namespace MediaMonitor.Measurements;

/// <summary>
/// eval ner FILE [--out FILE]: tags a CoNLL file (token first, gold IOB tag last) with the trained tagger and scores it
/// by the conlleval rules (exact span and type); the rule tagger runs on the same file as the baseline.
/// </summary>
public sealed class NerEvaluation : IMeasurement
{
    public string Verb => "eval";

    public string Kind => "ner";

    public Task<int> RunAsync(string[] args)
    {
        var file = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal));
        var outIndex = Array.IndexOf(args, "--out");
        var output = outIndex >= 0 && outIndex + 1 < args.Length ? args[outIndex + 1] : null;
        if (file is null || !File.Exists(file))
        {
            Console.Error.WriteLine("usage: eval.sh ner FILE [--out FILE]   (FILE in CoNLL format, gold IOB tag in the last column)");
            return Task.FromResult(2);
        }

        if (output == file)
        {
            file = args.First(a => !a.StartsWith("--", StringComparison.Ordinal) && a != output);
        }

        var tagger = NerRuntime.Load();
        var documents = ConllReader.ReadDocuments(file);
        var sentences = documents.SelectMany(d => d).ToList();
        var tokens = sentences.Sum(s => s.Count);

        var baseline = new NerScore();
        foreach (var sentence in sentences)
        {
            var words = sentence.ConvertAll(t => t.Word);
            var spans = tagger.Rules.Recognise([words]).Select(m => new Span(m.Start, m.Length, TypeName(m.Type))).ToList();
            baseline.Add(TrainingLabels.SpansFromIob(sentence.ConvertAll(t => t.Tag)), spans);
        }

        var score = new NerScore();
        var predictedTags = new List<string[]>(sentences.Count);
        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        foreach (var document in documents)
        {
            var spans = tagger.Model.Spans(document.Select(s => (IReadOnlyList<string>)s.ConvertAll(t => t.Word)).ToList());
            predictedTags.AddRange(spans.Select((sp, k) => TrainingLabels.ToIob(sp, document[k].Count)));
        }

        clock.Stop();
        process.Refresh();
        var cpu = (process.TotalProcessorTime - cpuBefore).TotalSeconds;
        for (var s = 0; s < sentences.Count; s++)
        {
            score.Add(TrainingLabels.SpansFromIob(sentences[s].ConvertAll(t => t.Tag)), TrainingLabels.SpansFromIob(predictedTags[s]));
        }

        if (output is not null)
        {
            using var writer = new StreamWriter(output);
            for (var s = 0; s < sentences.Count; s++)
            {
                for (var i = 0; i < sentences[s].Count; i++)
                {
                    writer.WriteLine(sentences[s][i].Line + " " + predictedTags[s][i]);
                }

                writer.WriteLine();
            }
        }

        Console.WriteLine(F($"file: {file} tokens={tokens} model={tagger.Model.Version} tagging cpu_seconds={cpu:0.00} wall_seconds={clock.Elapsed.TotalSeconds:0.00}"));
        foreach (var type in score.Types)
        {
            Console.WriteLine($"{type,-5} {Figures(score.Of(type))}");
        }

        var (bp, br, bf) = baseline.Of();
        Console.WriteLine(F($"ner-baseline: tagger={tagger.Rules.Version} precision={bp:0.000} recall={br:0.000} f1={bf:0.000}"));
        var (p, r, f) = score.Of();
        var perSecond = tokens / Math.Max(cpu, 1e-9); // CPU time of the single tagging thread's process: robust on a shared machine
        Console.WriteLine(F($"ner: sentences={sentences.Count} precision={p:0.000} recall={r:0.000} f1={f:0.000} tokens_per_s={perSecond:0}"));
        return Task.FromResult(0);
    }

    private static string Figures((double P, double R, double F1) s) => F($"precision={s.P:0.000} recall={s.R:0.000} f1={s.F1:0.000}");

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    private static string TypeName(MediaMonitor.Contracts.EntityTagging.EntityType type) => type switch
    {
        MediaMonitor.Contracts.EntityTagging.EntityType.Person => "PER",
        MediaMonitor.Contracts.EntityTagging.EntityType.Organization => "ORG",
        MediaMonitor.Contracts.EntityTagging.EntityType.Location => "LOC",
        _ => "MISC",
    };
}

/// <summary>The shipped gazetteer, rule tagger and trained tagger, loaded from the EntityTagging data folder.</summary>
internal sealed record NerRuntime(Gazetteer Gazetteer, RuleRecognizer Rules, StatisticalRecognizer Model)
{
    public static NerRuntime Load(string? directory = null)
    {
        directory ??= GazetteerFiles.DefaultDirectory;
        var gazetteer = Gazetteer.Load(directory);
        var model = TaggerComposition.Recognizer(directory, gazetteer)
            ?? throw new FileNotFoundException($"No trained model in {directory}; build it with deploy/local/build-tagger-data.sh model");
        return new NerRuntime(gazetteer, new RuleRecognizer(gazetteer), model);
    }
}
