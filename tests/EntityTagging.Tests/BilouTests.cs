namespace MediaMonitor.EntityTagging.Tests;

public sealed class BilouTests
{
    [Fact]
    public void Spans_survive_the_round_trip_through_BILOU_labels()
    {
        List<Span> spans = [new(0, 2, "PER"), new(3, 1, "LOC"), new(5, 3, "ORG")];
        var labels = TrainingLabels.FromSpans(spans, 9);
        Assert.Equal(["B-PER", "L-PER", "O", "U-LOC", "O", "B-ORG", "I-ORG", "L-ORG", "O"], labels.Select(l => Bilou.Labels[l]));
        Assert.Equal(spans, Bilou.ToSpans(labels));
    }

    [Fact]
    public void IOB1_and_IOB2_chunks_follow_the_conlleval_rules()
    {
        Assert.Equal([new Span(0, 2, "ORG"), new Span(3, 1, "PER")], TrainingLabels.SpansFromIob(["I-ORG", "I-ORG", "O", "I-PER"]));
        Assert.Equal([new Span(0, 2, "PER"), new Span(2, 1, "PER")], TrainingLabels.SpansFromIob(["B-PER", "I-PER", "B-PER"]));
        Assert.Equal([new Span(0, 1, "LOC"), new Span(1, 1, "ORG")], TrainingLabels.SpansFromIob(["B-LOC", "I-ORG"]));
        Assert.Equal(["B-MISC", "I-MISC", "O"], TrainingLabels.ToIob([new Span(0, 2, "MISC")], 3));
    }

    [Fact]
    public void Viterbi_only_returns_legal_label_sequences_even_when_emissions_prefer_illegal_ones()
    {
        var l = Bilou.Count;
        var emissions = new float[3 * l];
        emissions[Bilou.Label('I', 0)] = 10;            // I-PER first: illegal
        emissions[l + Bilou.Label('L', 1)] = 10;        // L-ORG after it: illegal
        emissions[(2 * l) + Bilou.Label('B', 2)] = 10;  // B-LOC last: cannot end a sentence
        var labels = PerceptronModel.Viterbi(emissions, 3, new float[(l + 1) * l]);
        Assert.True(Bilou.Allowed(-1, labels[0]));
        Assert.True(Bilou.Allowed(labels[0], labels[1]));
        Assert.True(Bilou.Allowed(labels[1], labels[2]));
        Assert.True(Bilou.CanEnd(labels[2]));
    }

    [Fact]
    public void Scores_count_only_exact_spans_with_the_right_type()
    {
        var score = new NerScore();
        score.Add([new Span(0, 2, "PER"), new Span(4, 1, "LOC")], [new Span(0, 2, "PER"), new Span(4, 1, "ORG"), new Span(6, 1, "LOC")]);
        var (p, r, f) = score.Of();
        Assert.Equal(1.0 / 3, p, 6);
        Assert.Equal(0.5, r, 6);
        Assert.Equal(0.4, f, 6);
        Assert.Equal(1.0, score.Of("PER").F1, 6);
    }

    [Theory]
    [InlineData("Kazakhstan", "Xx", "Xxx")]
    [InlineData("NATO", "X", "XX")]
    [InlineData("U.S.", "X.X.", "X.X.")]
    [InlineData("1996-08-30", "d-d-d", "dd-dd-dd")]
    public void Word_shapes_abstract_case_and_digits(string word, string collapsed, string detailed)
    {
        Assert.Equal(collapsed, WordShape.Collapsed(word));
        Assert.Equal(detailed, WordShape.Detailed(word));
    }
}
