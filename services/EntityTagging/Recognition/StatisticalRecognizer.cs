using MediaMonitor.EntityTagging.Gazetteers;
using MediaMonitor.EntityTagging.Model;

namespace MediaMonitor.EntityTagging.Recognition;

/// <summary>
/// The trained tagger: the perceptron model finds spans and types; each span is looked up in the gazetteer for the
/// entities it may refer to, so the linker can resolve places to GeoNames ids and organisations to catalog ids.
/// </summary>
public sealed class StatisticalRecognizer(NerModel model, FeatureExtractor extractor, Gazetteer gazetteer) : IEntityRecognizer
{
    public string Version => model.Version;

    public List<Mention> Recognise(IReadOnlyList<IReadOnlyList<string>> sentences)
    {
        var mentions = new List<Mention>();
        var labels = model.Decode(extractor, sentences);
        for (var s = 0; s < sentences.Count; s++)
        {
            var words = sentences[s];
            if (words.Count == 0)
            {
                continue;
            }

            var folded = words.Select(Gazetteer.Fold).ToList();
            foreach (var span in Bilou.ToSpans(labels[s]))
            {
                var (length, entries) = gazetteer.LongestMatch(words, folded, span.Start);
                var candidates = length == span.Length ? entries : [];
                var text = span.Length == 1 ? words[span.Start] : string.Join(' ', words.Skip(span.Start).Take(span.Length));
                mentions.Add(new Mention(s, span.Start, span.Length, Bilou.EntityTypeOf(span.Type), text, candidates));
            }
        }

        return mentions;
    }

    /// <summary>Spans only, for evaluation on the pre-tokenised sentences of one document.</summary>
    public List<List<Span>> Spans(IReadOnlyList<IReadOnlyList<string>> document) =>
        model.Decode(extractor, document).Select(Bilou.ToSpans).ToList();
}
