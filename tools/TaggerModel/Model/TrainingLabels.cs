namespace MediaMonitor.EntityTagging.Model;

/// <summary>
/// The corpus side of <see cref="Bilou"/>, used only to train and score the tagger (never by the service): CoNLL's IOB
/// tags read as spans, spans written as IOB2 tags, and spans as the BILOU labels the trainer learns.
/// </summary>
public static class TrainingLabels
{
    /// <summary>The BILOU label of every token position, from the gold spans.</summary>
    public static int[] FromSpans(IReadOnlyList<Span> spans, int length)
    {
        var labels = new int[length];
        foreach (var span in spans)
        {
            var type = Array.IndexOf(Bilou.Types, span.Type);
            if (span.Length == 1)
            {
                labels[span.Start] = Bilou.Label('U', type);
                continue;
            }

            labels[span.Start] = Bilou.Label('B', type);
            for (var i = span.Start + 1; i < span.End - 1; i++)
            {
                labels[i] = Bilou.Label('I', type);
            }

            labels[span.End - 1] = Bilou.Label('L', type);
        }

        return labels;
    }

    /// <summary>Chunks of IOB1 or IOB2 tags by the conlleval rules: a chunk starts at B-, or at I- after O or another type.</summary>
    public static List<Span> SpansFromIob(IReadOnlyList<string> tags)
    {
        var spans = new List<Span>();
        string? type = null;
        var start = 0;
        for (var i = 0; i <= tags.Count; i++)
        {
            var tag = i < tags.Count ? tags[i] : "O";
            var tagType = tag.Length > 2 ? tag[2..] : null;
            var begins = tag.StartsWith("B-", StringComparison.Ordinal) || (tag.StartsWith("I-", StringComparison.Ordinal) && tagType != type);
            if (type is not null && (tag == "O" || begins))
            {
                spans.Add(new Span(start, i - start, type));
                type = null;
            }

            if (begins)
            {
                type = tagType;
                start = i;
            }
        }

        return spans;
    }

    /// <summary>IOB2 tags for spans.</summary>
    public static string[] ToIob(IReadOnlyList<Span> spans, int length)
    {
        var tags = Enumerable.Repeat("O", length).ToArray();
        foreach (var span in spans)
        {
            tags[span.Start] = "B-" + span.Type;
            for (var i = span.Start + 1; i < span.End; i++)
            {
                tags[i] = "I-" + span.Type;
            }
        }

        return tags;
    }
}
